#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "platform/devices/char_source.h"

#include <doctest/doctest.h>
#include <unistd.h>

namespace el2 {
namespace {

TEST_CASE("a string source yields its bytes, then -1 and end of file") {
  StringCharSource s("a\xff");
  CHECK_FALSE(s.at_eof());
  CHECK(s.wait_for_input());
  CHECK(s.read_byte() == 'a');
  CHECK(s.read_byte() == 0xff);  // Bytes are unsigned, never mistaken for -1.
  CHECK(s.read_byte() == -1);
  CHECK(s.at_eof());
  CHECK_FALSE(s.wait_for_input());
}

struct Pipe {
  Pipe() { REQUIRE(::pipe(fd) == 0); }
  ~Pipe() {
    if (fd[0] >= 0) ::close(fd[0]);
    if (fd[1] >= 0) ::close(fd[1]);
  }
  void close_writer() {
    ::close(fd[1]);
    fd[1] = -1;
  }
  int fd[2] = {-1, -1};
};

TEST_CASE("an fd source never blocks when nothing is ready") {
  Pipe p;
  FdCharSource s(p.fd[0]);
  CHECK(s.read_byte() == -1);  // Would hang the test if it blocked.
  CHECK_FALSE(s.at_eof());
  REQUIRE(::write(p.fd[1], "hi", 2) == 2);
  CHECK(s.read_byte() == 'h');
  CHECK(s.read_byte() == 'i');
  CHECK(s.read_byte() == -1);
  CHECK_FALSE(s.at_eof());
}

TEST_CASE("an fd source reports end of file once the writer is gone and the data read") {
  Pipe p;
  FdCharSource s(p.fd[0]);
  REQUIRE(::write(p.fd[1], "z", 1) == 1);
  p.close_writer();
  CHECK(s.wait_for_input());  // Returns at once: a byte is ready.
  CHECK(s.read_byte() == 'z');
  CHECK(s.read_byte() == -1);
  CHECK(s.at_eof());
  CHECK_FALSE(s.wait_for_input());
}

TEST_CASE("an invalid fd is end of file, not an error loop") {
  FdCharSource s(-1);
  CHECK(s.read_byte() == -1);
  CHECK(s.at_eof());
}

}  // namespace
}  // namespace el2
