// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Function — a provider-defined function, called from configuration as
// `provider::<provider>::<name>(...)` (Terraform 1.8+, OpenTofu 1.7+).
//
//   class Greet final : public tfsdk::Function {
//    public:
//     std::string Name() const override { return "greet"; }
//     tfsdk::FunctionDefinition Definition() const override {
//       return {.parameters = {{.name = "name", .type = tfsdk::Type::String()}},
//               .variadic_parameter = tfsdk::FunctionParameter{
//                   .name = "titles", .type = tfsdk::Type::String()},
//               .return_type = tfsdk::Type::String(),
//               .summary = "Greets someone."};
//     }
//     void Run(const tfsdk::FunctionRunRequest& req,
//              tfsdk::FunctionRunResponse& resp) override {
//       std::string name = req.Get<std::string>(0);
//       if (name.empty()) return resp.SetError("name must not be empty", 0);
//       for (const tfsdk::Value& title : req.variadic.Elements()) {
//         name = title.AsString() + " " + name;
//       }
//       resp.Set("Hello, " + name + "!");
//     }
//   };
//
//   provider.AddFunction<Greet>();
//   // output "x" { value = provider::acme::greet("Ada", "Dr.") }  ->  "Hello, Dr. Ada!"
//
// What the engine does around Run:
//  - arguments are checked before Run: the count against the definition, each value
//    against its parameter's type; a null argument to a parameter without
//    allow_null_value is an error naming the parameter (with its argument index);
//  - an argument that is not wholly known, for a parameter without allow_unknown_values,
//    makes the result unknown without calling Run (as Terraform itself does);
//  - the result is checked against return_type; an unset result is null;
//  - an exception escaping Run becomes a function error (a ConversionError thrown by
//    req.Get<T>(i), or a FunctionArgumentError, points at argument i).
// Functions run without provider configuration: Terraform may call them before (or
// without) ConfigureProvider, so Run gets no provider data. Run is called concurrently and
// must be thread-safe.
#ifndef TFSDK_FUNCTION_H_
#define TFSDK_FUNCTION_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "tfsdk/cancellation.h"
#include "tfsdk/convert.h"
#include "tfsdk/schema.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk {

// One parameter of a function (also the shape of the variadic parameter).
struct FunctionParameter {
  std::string name = {};                   // shown in errors and docs, e.g. "input"
  Type type = Type::Dynamic();             // any type; Dynamic accepts any value
  std::string description = {};            // documentation of the parameter
  StringKind description_kind = StringKind::kPlain;
  bool allow_null_value = false;           // Run may see a null argument
  bool allow_unknown_values = false;       // Run may see (partly) unknown arguments
};

// The signature and documentation of a function.
struct FunctionDefinition {
  std::vector<FunctionParameter> parameters = {};        // positional, all required
  std::optional<FunctionParameter> variadic_parameter = {};  // zero or more trailing arguments
  Type return_type = Type::Dynamic();                    // the type of the result
  std::string summary = {};                              // one line
  std::string description = {};                          // longer documentation
  StringKind description_kind = StringKind::kPlain;
  std::string deprecation_message = {};                  // non-empty: the function is deprecated
};

// An error from a function call: Terraform shows `text`, and points at the argument when
// `argument` (0-based, counting variadic arguments after the positional ones) is set.
struct FunctionError {
  std::string text = {};
  std::optional<int64_t> argument = {};
};

// Thrown by FunctionRunRequest::Get when an argument does not convert; the engine turns it
// into a FunctionError pointing at `index`. Authors may throw it too.
class FunctionArgumentError : public std::invalid_argument {
 public:
  FunctionArgumentError(int64_t index, const std::string& message)
      : std::invalid_argument(message), index_(index) {}
  int64_t index() const { return index_; }

 private:
  int64_t index_;
};

struct FunctionRunRequest {
  CancellationToken cancel = {};  // cancelled when Terraform sends StopProvider
  // One value per positional parameter, in order, each of its parameter's type.
  std::vector<Value> arguments = {};
  // The variadic arguments as a TUPLE value (one element per argument, each conforming to
  // the variadic parameter's type; a tuple because a Dynamic variadic parameter may receive
  // values of different types). An empty tuple when there are none or no variadic parameter.
  Value variadic = Value::TupleVal({});

  // The positional argument `index` as T (see convert.h). Throws ConversionError (which
  // the engine reports at that argument) when the value does not convert, e.g. is null.
  template <class T>
  T Get(size_t index) const {
    try {
      return FromValue<T>(arguments.at(index));
    } catch (const ConversionError& e) {
      throw FunctionArgumentError(static_cast<int64_t>(index), e.what());
    }
  }
};

struct FunctionRunResponse {
  Type return_type = Type::Dynamic();   // the definition's return type (set by the engine)
  Value result = Value::NullVal(Type::Dynamic());  // starts as null of return_type
  std::optional<FunctionError> error = {};  // set to fail the call; `result` is then ignored

  // Sets the result from a C++ value (see convert.h).
  template <class T>
  void Set(const T& x) {
    result = ToValue(x, return_type);
  }
  // Fails the call; `argument` is the 0-based index of the argument at fault, if any.
  void SetError(std::string text, std::optional<int64_t> argument = std::nullopt) {
    error = FunctionError{std::move(text), argument};
  }
};

class Function {
 public:
  virtual ~Function() = default;
  // The name used in `provider::<provider>::<name>`: lower case letters, digits and '_',
  // starting with a letter.
  virtual std::string Name() const = 0;
  // Called once at start-up.
  virtual FunctionDefinition Definition() const = 0;
  virtual void Run(const FunctionRunRequest& req, FunctionRunResponse& resp) = 0;
};

}  // namespace tfsdk

#endif  // TFSDK_FUNCTION_H_
