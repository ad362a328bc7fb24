// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "fx_provider.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "tfsdk/function.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"

namespace fx {
namespace {

using tfsdk::FunctionDefinition;
using tfsdk::FunctionParameter;
using tfsdk::FunctionRunRequest;
using tfsdk::FunctionRunResponse;
using tfsdk::Type;
using tfsdk::Value;

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

class UpperFunction final : public tfsdk::Function {
 public:
  std::string Name() const override { return "upper"; }
  FunctionDefinition Definition() const override {
    return {.parameters = {{.name = "s", .type = Type::String(), .description = "Any text."}},
            .return_type = Type::String(),
            .summary = "Upper-cases ASCII letters."};
  }
  void Run(const FunctionRunRequest& req, FunctionRunResponse& resp) override {
    resp.Set(Upper(req.Get<std::string>(0)));
  }
};

class SumFunction final : public tfsdk::Function {
 public:
  std::string Name() const override { return "sum"; }
  FunctionDefinition Definition() const override {
    return {.parameters = {{.name = "first", .type = Type::Number()}},
            .variadic_parameter = FunctionParameter{.name = "rest", .type = Type::Number()},
            .return_type = Type::Number(),
            .summary = "Adds numbers."};
  }
  void Run(const FunctionRunRequest& req, FunctionRunResponse& resp) override {
    double total = req.Get<double>(0);
    for (const Value& v : req.variadic.Elements()) total += tfsdk::FromValue<double>(v);
    resp.Set(total);
  }
};

class ReverseFunction final : public tfsdk::Function {
 public:
  std::string Name() const override { return "reverse"; }
  FunctionDefinition Definition() const override {
    return {.parameters = {{.name = "items", .type = Type::List(Type::String())}},
            .return_type = Type::List(Type::String())};
  }
  void Run(const FunctionRunRequest& req, FunctionRunResponse& resp) override {
    auto items = req.Get<std::vector<std::string>>(0);
    std::reverse(items.begin(), items.end());
    resp.Set(items);
  }
};

class PersonFunction final : public tfsdk::Function {
 public:
  static Type ResultType() {
    return Type::Object({{"label", Type::String()}, {"adult", Type::Bool()}});
  }
  std::string Name() const override { return "person"; }
  FunctionDefinition Definition() const override {
    return {.parameters = {{.name = "p",
                            .type = Type::Object(
                                {{"name", Type::String()}, {"age", Type::Number()}})}},
            .return_type = ResultType()};
  }
  void Run(const FunctionRunRequest& req, FunctionRunResponse& resp) override {
    const Value& p = req.arguments[0];
    std::string name = tfsdk::FromValue<std::string>(p.GetAttr("name"));
    auto age = tfsdk::FromValue<int64_t>(p.GetAttr("age"));
    resp.result = Value::ObjectVal(
        ResultType(), {{"label", Value::StringVal(name + " (" + std::to_string(age) + ")")},
                       {"adult", Value::BoolVal(age >= 18)}});
  }
};

class DescribeFunction final : public tfsdk::Function {
 public:
  std::string Name() const override { return "describe"; }
  FunctionDefinition Definition() const override {
    return {.parameters = {{.name = "v", .type = Type::Dynamic(), .allow_null_value = true}},
            .return_type = Type::String()};
  }
  void Run(const FunctionRunRequest& req, FunctionRunResponse& resp) override {
    const Value& v = req.arguments[0];
    resp.Set(v.IsNull() ? std::string("null")
                        : v.type().FriendlyName() + ": " + v.ToString());
  }
};

class ShoutFunction final : public tfsdk::Function {
 public:
  std::string Name() const override { return "shout"; }
  FunctionDefinition Definition() const override {
    return {.parameters = {{.name = "s", .type = Type::String(),
                            .allow_unknown_values = true}},
            .return_type = Type::String()};
  }
  void Run(const FunctionRunRequest& req, FunctionRunResponse& resp) override {
    const Value& s = req.arguments[0];
    if (s.IsUnknown()) {
      resp.result = Value::UnknownVal(Type::String());
      return;
    }
    resp.Set(Upper(s.AsString()) + "!");
  }
};

class PortFunction final : public tfsdk::Function {
 public:
  std::string Name() const override { return "port"; }
  FunctionDefinition Definition() const override {
    return {.parameters = {{.name = "text", .type = Type::String()}},
            .return_type = Type::Number()};
  }
  void Run(const FunctionRunRequest& req, FunctionRunResponse& resp) override {
    std::string text = req.Get<std::string>(0);
    bool digits = !text.empty() && text.size() <= 5 &&
                  std::all_of(text.begin(), text.end(),
                              [](unsigned char c) { return std::isdigit(c) != 0; });
    int64_t port = digits ? std::stoll(text) : 0;
    if (!digits || port < 1 || port > 65535) {
      return resp.SetError("\"" + text + "\" is not a port number (1-65535)", 0);
    }
    resp.Set(port);
  }
};

class BoomFunction final : public tfsdk::Function {
 public:
  std::string Name() const override { return "boom"; }
  FunctionDefinition Definition() const override { return {.return_type = Type::String()}; }
  void Run(const FunctionRunRequest&, FunctionRunResponse&) override {
    throw std::runtime_error("the boom function exploded");
  }
};

class ThingResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "fx_thing"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{.attributes = {
                             tfsdk::Attribute::String("input").Required().RequiresReplace(),
                             tfsdk::Attribute::String("id").Computed(),
                         }};
  }
  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    resp.state.Set("id", "thing-" + req.plan.Get<std::string>("input"));
  }
  void Read(const tfsdk::ReadRequest&, tfsdk::ReadResponse&) override {}
  void Update(const tfsdk::UpdateRequest&, tfsdk::UpdateResponse&) override {}
  void Delete(const tfsdk::DeleteRequest&, tfsdk::DeleteResponse&) override {}
};

}  // namespace

std::unique_ptr<tfsdk::Provider> MakeProvider() {
  auto p = std::make_unique<tfsdk::Provider>("fx");
  p->AddFunction<UpperFunction>();
  p->AddFunction<SumFunction>();
  p->AddFunction<ReverseFunction>();
  p->AddFunction<PersonFunction>();
  p->AddFunction<DescribeFunction>();
  p->AddFunction<ShoutFunction>();
  p->AddFunction<PortFunction>();
  p->AddFunction<BoomFunction>();
  p->AddResource<ThingResource>();
  return p;
}

}  // namespace fx
