"""Thin wrappers over Bazel 4's native C++ rules.

Debian's bazel-rules-cc targets newer Bazel versions; @bazel_tools only needs
these five names to exist, so they forward to the built-in rules.
"""

def cc_library(**kwargs):
    native.cc_library(**kwargs)

def cc_binary(**kwargs):
    native.cc_binary(**kwargs)

def cc_test(**kwargs):
    native.cc_test(**kwargs)

def cc_toolchain(**kwargs):
    native.cc_toolchain(**kwargs)

def cc_toolchain_suite(**kwargs):
    native.cc_toolchain_suite(**kwargs)
