// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// "fx": a small test provider for provider-defined functions (tfsdk/function.h), behind
// functions_acceptance_test and functions_unit_test. It offers:
//   upper(s string) string
//   sum(first number, rest... number) number           variadic
//   reverse(items list(string)) list(string)
//   person(p object({name=string, age=number})) object({label=string, adult=bool})
//   describe(v dynamic, allow null) string               "null" or the value's rendering
//   shout(s string, allow unknown) string                unknown in, unknown out
//   port(s string) number                                 error at argument 0 when invalid
//   boom() string                                         throws
// and one resource, fx_thing (input string, id computed "thing-<input>"), whose id is
// unknown during plan, to feed unknown values to functions.
#ifndef TFSDK_TESTS_FUNCTIONS_FX_PROVIDER_H_
#define TFSDK_TESTS_FUNCTIONS_FX_PROVIDER_H_

#include <memory>

#include "tfsdk/provider.h"

namespace fx {

std::unique_ptr<tfsdk::Provider> MakeProvider();

}  // namespace fx

#endif  // TFSDK_TESTS_FUNCTIONS_FX_PROVIDER_H_
