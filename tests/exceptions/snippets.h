// Assembler helpers for exception-test snippets: each snippet is a global
// function; the instruction under test carries a global label NAME_at so the
// C side can compute the expected ELR and FAR.
#pragma once

#define SNIPPET(name)     \
  .global name;           \
  .type name, % function; \
  .balign 4;              \
  name:

#define AT(name)     \
  .global name##_at; \
  name##_at:

// Sets NZCV to `flags` (bits [31:28]) using x9.
#define SET_NZCV(flags)     \
  mov x9, #((flags) << 28); \
  msr nzcv, x9
