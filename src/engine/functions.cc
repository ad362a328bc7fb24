// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Provider-defined functions: Engine::LoadFunctions, GetFunctions and CallFunction.

#include <cctype>
#include <exception>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "src/engine/engine.h"
#include "src/log/log_internal.h"
#include "src/value/json_codec.h"
#include "src/value/msgpack_codec.h"
#include "tfsdk/convert.h"

namespace tfsdk::internal {
namespace {

// Function and parameter names as Terraform accepts them in `provider::p::name`.
bool IsValidFunctionName(const std::string& name) {
  if (name.empty() || !(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
    return false;
  }
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (!(std::islower(u) || std::isdigit(u) || c == '_')) return false;
  }
  return true;
}

absl::StatusOr<Value> DecodeArgument(const RawValue& raw, const Type& type) {
  if (!raw.msgpack.empty()) return DecodeMsgpack(raw.msgpack, type);
  if (!raw.json.empty()) return DecodeJsonValue(raw.json, type);
  // OpenTofu sends a null argument as an empty DynamicValue.
  return Value::NullVal(type);
}

CallFunctionResult Fail(std::string text, std::optional<int64_t> argument = std::nullopt) {
  CallFunctionResult r;
  r.error = FunctionError{std::move(text), argument};
  return r;
}

}  // namespace

void Engine::LoadFunctions() {
  for (const auto& f : provider_.functions()) {
    FunctionEntry entry;
    entry.function = f.get();
    std::string name;
    bool ok = true;
    try {
      name = f->Name();
      entry.definition = f->Definition();
    } catch (const std::exception& e) {
      schema_diagnostics_.AddError("Unexpected error in function definition", e.what());
      ok = false;
    } catch (...) {
      schema_diagnostics_.AddError("Unexpected error in function definition",
                                   "The provider threw an exception that is not a "
                                   "std::exception.");
      ok = false;
    }
    if (!ok) continue;
    if (!IsValidFunctionName(name)) {
      schema_diagnostics_.AddError(
          absl::StrCat("Invalid function name \"", name, "\""),
          "A function name must start with a lower-case letter or '_' and contain only "
          "lower-case letters, digits and '_'.");
    }
    std::set<std::string> seen;
    std::vector<const FunctionParameter*> params;
    for (const FunctionParameter& p : entry.definition.parameters) params.push_back(&p);
    if (entry.definition.variadic_parameter) {
      params.push_back(&*entry.definition.variadic_parameter);
    }
    for (const FunctionParameter* p : params) {
      if (!IsValidFunctionName(p->name)) {
        schema_diagnostics_.AddError(
            absl::StrCat("function ", name, ": invalid parameter name \"", p->name, "\""),
            "A parameter name must start with a lower-case letter or '_' and contain only "
            "lower-case letters, digits and '_'.");
      } else if (!seen.insert(p->name).second) {
        schema_diagnostics_.AddError(
            absl::StrCat("function ", name, ": duplicate parameter name \"", p->name, "\""));
      }
    }
    if (functions_.count(name)) {
      schema_diagnostics_.AddError(absl::StrCat("Duplicate function \"", name, "\""));
    }
    functions_[name] = std::make_unique<FunctionEntry>(std::move(entry));
  }
}

FunctionsResult Engine::GetFunctions() const {
  FunctionsResult r;
  for (const auto& [name, e] : functions_) r.functions.emplace(name, e->definition);
  return r;
}

CallFunctionResult Engine::CallFunction(const std::string& name,
                                        const std::vector<RawValue>& arguments) {
  auto it = functions_.find(name);
  if (it == functions_.end()) {
    return Fail(absl::StrCat("The function \"", name, "\" is not supported by this provider."));
  }
  const FunctionEntry& entry = *it->second;
  const FunctionDefinition& def = entry.definition;
  const Type& return_type = def.return_type;

  const size_t fixed = def.parameters.size();
  if (arguments.size() < fixed || (arguments.size() > fixed && !def.variadic_parameter)) {
    return Fail(absl::StrCat("Function \"", name, "\" takes ",
                             def.variadic_parameter ? "at least " : "", fixed, " argument",
                             fixed == 1 ? "" : "s", "; got ", arguments.size(), "."));
  }

  FunctionRunRequest req;
  req.cancel = cancel_;
  ValueList variadic;
  bool short_circuit_unknown = false;
  for (size_t i = 0; i < arguments.size(); ++i) {
    const FunctionParameter& param = i < fixed ? def.parameters[i] : *def.variadic_parameter;
    const auto index = static_cast<int64_t>(i);
    absl::StatusOr<Value> v = DecodeArgument(arguments[i], param.type);
    // Terraform and OpenTofu show an error with an argument index as `Invalid value for
    // "<parameter>" parameter: <text>.`, so the text does not name the parameter again.
    if (!v.ok()) {
      return Fail(absl::StrCat("cannot decode the argument as ", param.type.FriendlyName(),
                               ": ", std::string(v.status().message())),
                  index);
    }
    if (v->IsNull() && !param.allow_null_value) {
      return Fail("argument must not be null", index);
    }
    if (!v->IsWhollyKnown() && !param.allow_unknown_values) short_circuit_unknown = true;
    if (i < fixed) {
      req.arguments.push_back(*std::move(v));
    } else {
      variadic.push_back(*std::move(v));
    }
  }

  CallFunctionResult r;
  if (short_circuit_unknown) {
    // As Terraform does for its own functions: the result of a call with an unknown
    // argument the function cannot handle is simply unknown.
    SdkLog(log::Level::kTrace, "function result unknown: an argument is unknown",
           {{"function", name}});
    absl::StatusOr<std::string> bytes = EncodeMsgpack(Value::UnknownVal(return_type), return_type);
    if (!bytes.ok()) return Fail(std::string(bytes.status().message()));
    r.result.msgpack = *std::move(bytes);
    return r;
  }
  req.variadic = Value::TupleVal(std::move(variadic));

  FunctionRunResponse resp;
  resp.return_type = return_type;
  resp.result = Value::NullVal(return_type);
  SdkLog(log::Level::kTrace, "calling provider code", {{"where", "function " + name}});
  try {
    entry.function->Run(req, resp);
  } catch (const FunctionArgumentError& e) {
    return Fail(e.what(), e.index());
  } catch (const std::exception& e) {
    return Fail(absl::StrCat("Unexpected error in function \"", name, "\": ", e.what()));
  } catch (...) {
    return Fail(absl::StrCat("Unexpected error in function \"", name,
                             "\": the provider threw an exception that is not a "
                             "std::exception."));
  }
  if (resp.error) {
    FunctionError error = *std::move(resp.error);
    if (error.text.empty()) error.text = absl::StrCat("Function \"", name, "\" failed.");
    if (error.argument &&
        (*error.argument < 0 || *error.argument >= static_cast<int64_t>(arguments.size()))) {
      // Terraform rejects an index outside the call; keep the message, drop the index.
      error.text = absl::StrCat(error.text, " (the provider named argument ", *error.argument,
                                ", which this call does not have)");
      error.argument.reset();
    }
    r.error = std::move(error);
    return r;
  }
  if (absl::Status s = resp.result.CheckConforms(return_type); !s.ok()) {
    return Fail(absl::StrCat("Function \"", name, "\" returned a value that does not match its ",
                             "return type ", return_type.FriendlyName(), ": ",
                             std::string(s.message())));
  }
  absl::StatusOr<std::string> bytes = EncodeMsgpack(resp.result, return_type);
  if (!bytes.ok()) {
    return Fail(absl::StrCat("Function \"", name, "\" returned a value that cannot be encoded: ",
                             std::string(bytes.status().message())));
  }
  r.result.msgpack = *std::move(bytes);
  return r;
}

}  // namespace tfsdk::internal
