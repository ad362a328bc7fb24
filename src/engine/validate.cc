// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/engine/validate.h"

#include <exception>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "src/log/log_internal.h"
#include "tfsdk/convert.h"

namespace tfsdk::internal {

namespace {

// True if the configuration sets anything inside a block value: a known non-null object
// with a known non-null attribute, or a non-empty collection of such blocks.
bool BlockIsSet(const NestedBlock& nb, const Value& v) {
  if (!v.IsKnown()) return false;
  switch (nb.nesting) {
    case NestingMode::kList:
    case NestingMode::kSet:
    case NestingMode::kMap:
      // (Blocks with dynamic types travel as tuples or objects.)
      return !v.type().IsPrimitive() && !v.type().IsDynamic() && v.Length() > 0;
    case NestingMode::kGroup: {
      // Terraform sends an absent GROUP block as an object of nulls (and empty blocks).
      for (const Attribute& a : nb.block.attributes) {
        const Value* x = v.FindAttr(a.name);
        if (x != nullptr && !x->IsNull()) return true;
      }
      for (const NestedBlock& inner : nb.block.blocks) {
        const Value* x = v.FindAttr(inner.type_name);
        if (x != nullptr && BlockIsSet(inner, *x)) return true;
      }
      return false;
    }
    default:
      return true;
  }
}

// Walks a configuration value along its schema, calling validators.
class SchemaWalker {
 public:
  SchemaWalker(const Attributes& config, Diagnostics& diags) : config_(config), diags_(diags) {}

  // The attributes and blocks of one known object at `path`. Inside a set (`in_set`) paths
  // no longer grow: set elements have no address on the wire.
  void Object(const std::vector<Attribute>& attributes, const std::vector<NestedBlock>& blocks,
              const Value& object, const Path& path, bool in_set) {
    for (const Attribute& a : attributes) {
      const Value* v = object.FindAttr(a.name);
      Value null_value;
      if (v == nullptr) {
        null_value = Value::NullVal(a.ImpliedType());
        v = &null_value;
      }
      AttributeValue(a, *v, object, in_set ? path : path.Attr(a.name), in_set);
    }
    for (const NestedBlock& nb : blocks) {
      const Value* v = object.FindAttr(nb.type_name);
      Value null_value;
      if (v == nullptr) {
        null_value = Value::NullVal(nb.ImpliedType());
        v = &null_value;
      }
      BlockValue(nb, *v, object, in_set ? path : path.Attr(nb.type_name), in_set);
    }
  }

 private:
  void AttributeValue(const Attribute& a, const Value& v, const Value& parent, const Path& path,
                      bool in_set) {
    RunValidators(a.validators, "attribute validator", v, parent, path);
    if (a.deprecated && v.IsKnown()) {
      Deprecation("Attribute Deprecated", a.deprecation_message, "attribute", path);
    }
    if (!a.IsNested() || !v.IsKnown()) return;
    const NestedAttributes& nested = *a.nested;
    static const std::vector<NestedBlock> kNoBlocks;
    Elements(nested.nesting, v, path, in_set, [&](const Value& element, const Path& p, bool s) {
      Object(nested.attributes, kNoBlocks, element, p, s);
    });
  }

  void BlockValue(const NestedBlock& nb, const Value& v, const Value& parent, const Path& path,
                  bool in_set) {
    RunValidators(nb.validators, "block validator", v, parent, path);
    if (nb.block.deprecated && BlockIsSet(nb, v)) {
      Deprecation("Block Deprecated", nb.block.deprecation_message, "block", path);
    }
    if (!v.IsKnown()) return;
    Elements(nb.nesting, v, path, in_set, [&](const Value& element, const Path& p, bool s) {
      Object(nb.block.attributes, nb.block.blocks, element, p, s);
    });
  }

  // Calls `fn` for each known object of a nested value, with its path.
  void Elements(NestingMode nesting, const Value& v, const Path& path, bool in_set,
                const std::function<void(const Value&, const Path&, bool)>& fn) {
    switch (nesting) {
      case NestingMode::kSingle:
      case NestingMode::kGroup:
        if (v.type().IsObject()) fn(v, path, in_set);
        return;
      case NestingMode::kList: {
        // A list of blocks with dynamic types travels as a tuple; Elements() covers both.
        if (!v.type().IsList() && !v.type().IsTuple()) return;
        const ValueList& elements = v.Elements();
        for (size_t i = 0; i < elements.size(); ++i) {
          if (!elements[i].IsKnown()) continue;
          fn(elements[i], in_set ? path : path.Index(static_cast<int64_t>(i)), in_set);
        }
        return;
      }
      case NestingMode::kSet:
        if (!v.type().IsSet()) return;
        for (const Value& element : v.Elements()) {
          if (element.IsKnown()) fn(element, path, true);
        }
        return;
      case NestingMode::kMap:
        if (v.type().IsObject()) {
          // A map of blocks with dynamic types travels as an object keyed by label.
          const auto& names = v.type().AttributeTypes();
          const ValueList& elements = v.Elements();
          for (size_t i = 0; i < elements.size() && i < names.size(); ++i) {
            if (!elements[i].IsKnown()) continue;
            fn(elements[i], in_set ? path : path.Key(names[i].first), in_set);
          }
          return;
        }
        if (!v.type().IsMap()) return;
        for (const auto& [key, element] : v.MapElements()) {
          if (element.IsKnown()) fn(element, in_set ? path : path.Key(key), in_set);
        }
        return;
      default:
        return;
    }
  }

  void RunValidators(const std::vector<std::shared_ptr<const Validator>>& validators,
                     std::string_view where, const Value& v, const Value& parent,
                     const Path& path) {
    for (const auto& validator : validators) {
      if (validator == nullptr) continue;
      ValidatorRequest req{path, v, parent, config_};
      Diagnostics found;
      GuardAuthorCall(found, where, path, [&] { validator->Validate(req, found); });
      diags_.Append(found);
    }
  }

  void Deprecation(const char* summary, const std::string& message, const char* what,
                   const Path& path) {
    std::string detail = message;
    if (detail.empty()) {
      detail = absl::StrCat("The ", what, " \"", path.ToString(),
                            "\" is deprecated. Refer to the provider documentation for details.");
    }
    // Inside a set every element reports at the set's path; say it once.
    if (!warned_.insert(absl::StrCat(summary, "\n", path.ToString(), "\n", detail)).second) {
      return;
    }
    diags_.AddWarning(summary, std::move(detail), path);
  }

  const Attributes& config_;
  Diagnostics& diags_;
  std::set<std::string> warned_;
};

}  // namespace

void ValidateAgainstSchema(const Attributes& config, Diagnostics& diags) {
  if (config.schema() == nullptr || !config.value().IsKnown()) return;
  const Schema& schema = *config.schema();
  SchemaWalker walker(config, diags);
  walker.Object(schema.attributes, schema.blocks, config.value(), Path(), /*in_set=*/false);
}

Diagnostics ValidateConfiguration(
    const Schema& schema, const Value& config,
    const std::vector<std::shared_ptr<const ConfigValidator>>& config_validators,
    const ValidateConfigHook& hook, std::string_view what) {
  Diagnostics diags;
  Attributes attributes(&schema, config);
  SdkLog(log::Level::kTrace, "validating configuration", {{"what", std::string(what)}});

  ValidateAgainstSchema(attributes, diags);
  if (schema.deprecated) {
    diags.AddWarning("Deprecated", schema.deprecation_message.empty()
                                       ? absl::StrCat("The ", std::string(what),
                                                      " is deprecated. Refer to the provider "
                                                      "documentation for details.")
                                       : schema.deprecation_message);
  }

  const std::string validator_where =
      absl::StrCat("configuration validator of ", std::string(what));
  for (const auto& validator : config_validators) {
    if (validator == nullptr) continue;
    Diagnostics found;
    GuardAuthorCall(found, validator_where, std::nullopt,
                    [&] { validator->Validate(attributes, found); });
    diags.Append(found);
  }

  if (hook) {
    ValidateConfigRequest req{attributes};
    ValidateConfigResponse resp;
    GuardAuthorCall(resp.diagnostics, absl::StrCat("ValidateConfig of ", std::string(what)),
                    std::nullopt, [&] { hook(req, resp); });
    diags.Append(resp.diagnostics);
  }
  return diags;
}

}  // namespace tfsdk::internal
