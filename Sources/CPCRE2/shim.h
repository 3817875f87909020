// The only C boundary of Parapet: PCRE2 with 8-bit code units (UTF-8 subjects).
#ifndef PARAPET_CPCRE2_SHIM_H
#define PARAPET_CPCRE2_SHIM_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#endif
