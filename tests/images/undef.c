// Executes a permanently UNDEFINED instruction (UDF): the runtime's vectors
// report it ("unexpected exception ... ESR 0x02000000") and exit with 99.
int main(void) {
  __asm__ volatile("udf #0");
  return 0;
}
