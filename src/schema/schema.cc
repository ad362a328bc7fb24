// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/schema.h"

#include <exception>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tfsdk/plan_modifier.h"
#include "tfsdk/validator.h"
#include "tfsdk/value.h"

namespace tfsdk {

std::string_view NestingModeName(NestingMode mode) {
  switch (mode) {
    case NestingMode::kSingle:
      return "SINGLE";
    case NestingMode::kList:
      return "LIST";
    case NestingMode::kSet:
      return "SET";
    case NestingMode::kMap:
      return "MAP";
    case NestingMode::kGroup:
      return "GROUP";
    case NestingMode::kInvalid:
      break;
  }
  return "INVALID";
}

namespace {

// The Schema root and a Block hold the same content; the algorithms below work on both
// through this view.
struct BlockView {
  const std::vector<Attribute>& attributes;
  const std::vector<NestedBlock>& blocks;
};

BlockView ViewOf(const Block& b) { return {b.attributes, b.blocks}; }
BlockView ViewOf(const Schema& s) { return {s.attributes, s.blocks}; }

// ---------------------------------------------------------------------------------------
// Types

// The object type of a nested-attribute object, with optional markers (Terraform marks
// attributes that are Optional or Computed, i.e. those the configuration may omit).
Type NestedObjectConstraintType(const NestedAttributes& nested) {
  std::map<std::string, Type> types;
  std::set<std::string> optional;
  for (const Attribute& a : nested.attributes) {
    types.emplace(a.name, a.ConstraintType());
    if (a.optional || a.computed) optional.insert(a.name);
  }
  return Type::Object(std::move(types), std::move(optional));
}

Type NestedBlockConstraintType(const NestedBlock& nb);

// The object type of a block's content. The block's own object carries no markers: a
// block value always has every attribute (null when unset).
Type BlockConstraintType(BlockView view) {
  std::map<std::string, Type> types;
  for (const Attribute& a : view.attributes) types.emplace(a.name, a.ConstraintType());
  for (const NestedBlock& nb : view.blocks) {
    // An attribute of the same name wins, as in Terraform (Validate reports the clash).
    types.emplace(nb.type_name, NestedBlockConstraintType(nb));
  }
  return Type::Object(std::move(types));
}

Type NestedBlockConstraintType(const NestedBlock& nb) {
  Type object = BlockConstraintType(ViewOf(nb.block));
  switch (nb.nesting) {
    case NestingMode::kSingle:
    case NestingMode::kGroup:
      return object;
    case NestingMode::kList:
      // A list needs one element type; blocks whose objects may differ in type (they
      // contain Dynamic) travel as a tuple, so the declared type is Dynamic.
      return object.HasDynamic() ? Type::Dynamic() : Type::List(std::move(object));
    case NestingMode::kSet:
      // Sets with dynamic content are rejected by Validate.
      return Type::Set(std::move(object));
    case NestingMode::kMap:
      // Likewise, blocks that may differ in type travel as an object keyed by label.
      return object.HasDynamic() ? Type::Dynamic() : Type::Map(std::move(object));
    case NestingMode::kInvalid:
      break;
  }
  // Terraform ignores block types with an invalid nesting mode; Validate reports them.
  // Keep the attribute so lookups by name still work; Dynamic claims nothing.
  return Type::Dynamic();
}

// ---------------------------------------------------------------------------------------
// Write-only

bool AnyWriteOnly(const std::vector<Attribute>& attributes) {
  for (const Attribute& a : attributes) {
    if (a.ContainsWriteOnly()) return true;
  }
  return false;
}

bool BlockContainsWriteOnly(BlockView view) {
  if (AnyWriteOnly(view.attributes)) return true;
  for (const NestedBlock& nb : view.blocks) {
    if (nb.block.ContainsWriteOnly()) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Lookup

struct Found {
  const Attribute* attribute = nullptr;
  const NestedBlock* block = nullptr;
};

// What key step the position after a collection-nested attribute or block accepts.
enum class PendingKey { kNone, kInt, kString };

PendingKey KeyFor(NestingMode mode) {
  switch (mode) {
    case NestingMode::kList:
    case NestingMode::kSet:
      return PendingKey::kInt;
    case NestingMode::kMap:
      return PendingKey::kString;
    default:
      return PendingKey::kNone;
  }
}

const Attribute* AttributeNamed(const std::vector<Attribute>& attributes, std::string_view name) {
  for (const Attribute& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

Found Lookup(BlockView root, const Path& path) {
  Found found;
  if (path.empty()) return found;
  // Where the next attribute step looks: attributes (always, unless we are inside a typed
  // attribute) and blocks (only inside a block, not a nested-attribute object).
  const std::vector<Attribute>* attributes = &root.attributes;
  const std::vector<NestedBlock>* blocks = &root.blocks;
  PendingKey pending = PendingKey::kNone;
  for (const PathStep& step : path.steps()) {
    if (step.kind == PathStep::Kind::kAttribute) {
      found = Found{};
      pending = PendingKey::kNone;
      const Attribute* a = attributes ? AttributeNamed(*attributes, step.name) : nullptr;
      if (a != nullptr) {
        found.attribute = a;
        if (a->nested) {
          attributes = &a->nested->attributes;
          blocks = nullptr;
          pending = KeyFor(a->nested->nesting);
        } else {
          attributes = nullptr;  // a typed attribute has no schema below it
          blocks = nullptr;
        }
        continue;
      }
      const NestedBlock* nb = nullptr;
      if (blocks != nullptr) {
        for (const NestedBlock& candidate : *blocks) {
          if (candidate.type_name == step.name) {
            nb = &candidate;
            break;
          }
        }
      }
      if (nb == nullptr) return Found{};
      found.block = nb;
      attributes = &nb->block.attributes;
      blocks = &nb->block.blocks;
      pending = KeyFor(nb->nesting);
      continue;
    }
    // A key step: only where it selects one element of a collection-nested level.
    const PendingKey key =
        step.kind == PathStep::Kind::kIntKey ? PendingKey::kInt : PendingKey::kString;
    if (pending == PendingKey::kNone || pending != key) return Found{};
    pending = PendingKey::kNone;
    found = Found{};  // the path now names an element, not the attribute or block
  }
  return found;
}

// ---------------------------------------------------------------------------------------
// Validation

constexpr char kInvalidSchema[] = "Invalid schema";

bool IsValidName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

class SchemaChecker {
 public:
  explicit SchemaChecker(Diagnostics& diags) : diags_(diags) {}

  void ValidateBlock(BlockView view, const Path& prefix) {
    // Names are unique across attributes and blocks of one block.
    std::set<std::string> attribute_names;
    for (const Attribute& a : view.attributes) {
      const Path path = prefix.Attr(a.name);
      if (!attribute_names.insert(a.name).second) {
        Error(path, "attribute", "is defined more than once");
      }
      ValidateAttribute(a, path);
    }
    std::set<std::string> block_names;
    for (const NestedBlock& nb : view.blocks) {
      const Path path = prefix.Attr(nb.type_name);
      if (attribute_names.count(nb.type_name)) {
        Error(path, "block", "name is defined as both an attribute and a block type");
      } else if (!block_names.insert(nb.type_name).second) {
        Error(path, "block", "is defined more than once");
      }
      ValidateNestedBlock(nb, path);
    }
  }

 private:
  void Error(const Path& path, std::string_view what, std::string_view problem) {
    std::string detail(what);
    detail += " \"";
    detail += path.ToString();
    detail += "\": ";
    detail += problem;
    detail += '.';
    diags_.AddError(kInvalidSchema, std::move(detail), path);
  }

  void ValidateAttribute(const Attribute& a, const Path& path) {
    if (!IsValidName(a.name)) {
      Error(path, "attribute", "name may contain only lowercase letters, digits and underscores");
    }
    if (!a.required && !a.optional && !a.computed) {
      Error(path, "attribute", "must set Required, Optional or Computed");
    }
    if (a.required && a.optional) {
      Error(path, "attribute", "cannot be both Required and Optional");
    }
    if (a.required && a.computed) {
      Error(path, "attribute", "cannot be both Required and Computed");
    }
    if (a.write_only && a.computed) {
      // A write-only value is never stored, so the provider has nowhere to compute it to.
      Error(path, "attribute", "cannot be both WriteOnly and Computed");
    }
    if (a.default_value != nullptr && !a.computed) {
      // Terraform rejects a planned value that differs from the configuration unless the
      // attribute is Computed.
      Error(path, "attribute", "has a default and must therefore be Computed");
    }
    if (!a.type.has_value() && a.nested == nullptr) {
      Error(path, "attribute", "must have either a type or nested attributes");
    }
    if (a.type.has_value() && a.nested != nullptr) {
      Error(path, "attribute", "cannot have both a type and nested attributes");
    }
    if (a.type.has_value() != (a.nested != nullptr) &&
        (a.nested == nullptr || IsNestedAttributeMode(a.nested->nesting))) {
      CheckKinds(path, "attribute", a.ImpliedType(), a.validators, a.plan_modifiers,
                 a.default_value.get());
    }
    if (a.nested == nullptr) return;

    const NestedAttributes& nested = *a.nested;
    switch (nested.nesting) {
      case NestingMode::kSingle:
      case NestingMode::kList:
      case NestingMode::kMap:
        break;
      case NestingMode::kSet:
        // Set elements are hashed by their exact type, so mixed (dynamic) types cannot
        // be supported; and write-only marks inside a set would spread to the whole set.
        if (NestedObjectConstraintType(nested).HasDynamic()) {
          Error(path, "attribute", "SET nested attributes may not contain dynamic types");
        }
        if (AnyWriteOnly(nested.attributes)) {
          Error(path, "attribute", "SET nested attributes may not contain write-only attributes");
        }
        break;
      default:
        Error(path, "attribute",
              "invalid nesting mode " + std::string(NestingModeName(nested.nesting)) +
                  " for nested attributes (use SINGLE, LIST, SET or MAP)");
    }
    std::set<std::string> names;
    for (const Attribute& child : nested.attributes) {
      const Path child_path = path.Attr(child.name);
      if (!names.insert(child.name).second) {
        Error(child_path, "attribute", "is defined more than once");
      }
      ValidateAttribute(child, child_path);
    }
  }

  void ValidateNestedBlock(const NestedBlock& nb, const Path& path) {
    if (!IsValidName(nb.type_name)) {
      Error(path, "block", "name may contain only lowercase letters, digits and underscores");
    }
    if (nb.min_items < 0 || nb.max_items < 0) {
      Error(path, "block", "MinItems and MaxItems must not be negative");
    }
    switch (nb.nesting) {
      case NestingMode::kSingle:
        if (nb.min_items != nb.max_items) {
          Error(path, "block", "MinItems and MaxItems must match in SINGLE mode");
        } else if (nb.min_items < 0 || nb.min_items > 1) {
          Error(path, "block", "MinItems and MaxItems must be either 0 or 1 in SINGLE mode");
        }
        break;
      case NestingMode::kGroup:
        if (nb.min_items != 0 || nb.max_items != 0) {
          Error(path, "block", "MinItems and MaxItems cannot be used in GROUP mode");
        }
        break;
      case NestingMode::kList:
      case NestingMode::kSet:
        if (nb.max_items != 0 && nb.min_items > nb.max_items) {
          Error(path, "block",
                "MinItems must be less than or equal to MaxItems in " +
                    std::string(NestingModeName(nb.nesting)) + " mode");
        }
        if (nb.nesting == NestingMode::kSet) {
          if (nb.block.ConstraintType().HasDynamic()) {
            Error(path, "block", "SET blocks may not contain dynamic types");
          }
          if (nb.block.ContainsWriteOnly()) {
            Error(path, "block", "SET blocks may not contain write-only attributes");
          }
        }
        break;
      case NestingMode::kMap:
        if (nb.min_items != 0 || nb.max_items != 0) {
          Error(path, "block", "MinItems and MaxItems must both be 0 in MAP mode");
        }
        break;
      default:
        Error(path, "block", "invalid nesting mode " + std::string(NestingModeName(nb.nesting)));
    }
    if (nb.nesting >= NestingMode::kSingle && nb.nesting <= NestingMode::kGroup) {
      CheckKinds(path, "block", nb.ImpliedType(), nb.validators, nb.plan_modifiers, nullptr);
    }
    ValidateBlock(ViewOf(nb.block), path);
  }

  static bool IsNestedAttributeMode(NestingMode mode) {
    return mode == NestingMode::kSingle || mode == NestingMode::kList ||
           mode == NestingMode::kSet || mode == NestingMode::kMap;
  }

  // Each validator, plan modifier and default must handle values of `type`: a string
  // validator on a number attribute, or a default of the wrong type, is reported here at
  // start-up rather than as "a bug in the provider" at the user's plan.
  void CheckKinds(const Path& path, std::string_view what, const Type& type,
                  const std::vector<std::shared_ptr<const Validator>>& validators,
                  const std::vector<std::shared_ptr<const PlanModifier>>& plan_modifiers,
                  const AttributeDefault* default_value) {
    // The author's own validators may throw; that is a schema error too, not a crash.
    auto ask = [&](const char* role, size_t index, auto&& fn) {
      const std::string who =
          index == 0 && std::string_view(role) == "the default"
              ? std::string(role)
              : std::string(role) + " " + std::to_string(index + 1);
      try {
        std::string why = fn();
        if (!why.empty()) Error(path, what, why);
      } catch (const std::exception& e) {
        Error(path, what, who + " threw while its type was checked: " + e.what());
      } catch (...) {
        Error(path, what, who + " threw a non-standard exception while its type was checked");
      }
    };
    for (size_t i = 0; i < validators.size(); ++i) {
      const Validator* v = validators[i].get();
      if (v == nullptr) continue;  // skipped when validating, as before
      ask("validator", i, [&]() -> std::string {
        std::string why = v->TypeMismatch(type);
        return why.empty() ? why : "validator \"" + v->Description() + "\" " + why;
      });
    }
    for (size_t i = 0; i < plan_modifiers.size(); ++i) {
      const PlanModifier* m = plan_modifiers[i].get();
      if (m == nullptr) continue;  // skipped when validating, as before
      ask("plan modifier", i, [&]() -> std::string {
        std::string why = m->TypeMismatch(type);
        return why.empty() ? why : "plan modifier \"" + m->Description() + "\" " + why;
      });
    }
    if (default_value != nullptr) {
      ask("the default", 0, [&]() -> std::string {
        std::string why = default_value->TypeMismatch(type);
        return why.empty() ? why : "the default " + why;
      });
    }
  }

  Diagnostics& diags_;
};

Attribute WithType(std::string name, Type type) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  return a;
}

Attribute WithNested(std::string name, NestingMode nesting, std::vector<Attribute> attributes) {
  Attribute a;
  a.name = std::move(name);
  auto nested = std::make_shared<NestedAttributes>();
  nested->nesting = nesting;
  nested->attributes = std::move(attributes);
  a.nested = std::move(nested);
  return a;
}

NestedBlock MakeNestedBlock(std::string type_name, NestingMode nesting, Block block) {
  NestedBlock nb;
  nb.type_name = std::move(type_name);
  nb.nesting = nesting;
  nb.block = std::move(block);
  return nb;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Attribute

Attribute Attribute::String(std::string name) { return WithType(std::move(name), Type::String()); }
Attribute Attribute::Number(std::string name) { return WithType(std::move(name), Type::Number()); }
Attribute Attribute::Bool(std::string name) { return WithType(std::move(name), Type::Bool()); }
Attribute Attribute::Dynamic(std::string name) {
  return WithType(std::move(name), Type::Dynamic());
}
Attribute Attribute::List(std::string name, Type element) {
  return WithType(std::move(name), Type::List(std::move(element)));
}
Attribute Attribute::Set(std::string name, Type element) {
  return WithType(std::move(name), Type::Set(std::move(element)));
}
Attribute Attribute::Map(std::string name, Type element) {
  return WithType(std::move(name), Type::Map(std::move(element)));
}
Attribute Attribute::Object(std::string name, std::map<std::string, Type> attribute_types,
                            std::set<std::string> optional_attributes) {
  return WithType(std::move(name),
                  Type::Object(std::move(attribute_types), std::move(optional_attributes)));
}
Attribute Attribute::Object(std::string name, Type object_type) {
  return WithType(std::move(name), std::move(object_type));
}
Attribute Attribute::Typed(std::string name, Type type) {
  return WithType(std::move(name), std::move(type));
}

Attribute Attribute::SingleNested(std::string name, std::vector<Attribute> attributes) {
  return WithNested(std::move(name), NestingMode::kSingle, std::move(attributes));
}
Attribute Attribute::ListNested(std::string name, std::vector<Attribute> attributes) {
  return WithNested(std::move(name), NestingMode::kList, std::move(attributes));
}
Attribute Attribute::SetNested(std::string name, std::vector<Attribute> attributes) {
  return WithNested(std::move(name), NestingMode::kSet, std::move(attributes));
}
Attribute Attribute::MapNested(std::string name, std::vector<Attribute> attributes) {
  return WithNested(std::move(name), NestingMode::kMap, std::move(attributes));
}

Attribute& Attribute::Required() {
  required = true;
  return *this;
}
Attribute& Attribute::Optional() {
  optional = true;
  return *this;
}
Attribute& Attribute::Computed() {
  computed = true;
  return *this;
}
Attribute& Attribute::Sensitive() {
  sensitive = true;
  return *this;
}
Attribute& Attribute::WriteOnly() {
  write_only = true;
  return *this;
}
Attribute& Attribute::RequiresReplace() {
  requires_replace = true;
  return *this;
}
Attribute& Attribute::Deprecated(std::string message) {
  deprecated = true;
  deprecation_message = std::move(message);
  return *this;
}
Attribute& Attribute::Description(std::string text) {
  description = std::move(text);
  description_kind = StringKind::kPlain;
  return *this;
}
Attribute& Attribute::MarkdownDescription(std::string text) {
  description = std::move(text);
  description_kind = StringKind::kMarkdown;
  return *this;
}
Attribute& Attribute::Validators(std::vector<std::shared_ptr<const Validator>> list) {
  for (auto& v : list) validators.push_back(std::move(v));
  return *this;
}
Attribute& Attribute::PlanModifiers(std::vector<std::shared_ptr<const PlanModifier>> list) {
  for (auto& m : list) plan_modifiers.push_back(std::move(m));
  return *this;
}
Attribute& Attribute::Default(std::shared_ptr<const AttributeDefault> d) {
  default_value = std::move(d);
  return *this;
}

Type Attribute::ConstraintType() const {
  if (nested != nullptr) {
    Type object = NestedObjectConstraintType(*nested);
    switch (nested->nesting) {
      case NestingMode::kSingle:
        return object;
      case NestingMode::kList:
        return Type::List(std::move(object));
      case NestingMode::kSet:
        return Type::Set(std::move(object));
      case NestingMode::kMap:
        return Type::Map(std::move(object));
      default:
        // Invalid (Validate reports it); Terraform falls back to an empty object.
        return Type::Object({});
    }
  }
  if (type.has_value()) return *type;
  return Type::Dynamic();
}

Type Attribute::ImpliedType() const { return ConstraintType().WithoutOptionalAttributes(); }

bool Attribute::ContainsWriteOnly() const {
  if (write_only) return true;
  return nested != nullptr && AnyWriteOnly(nested->attributes);
}

// ---------------------------------------------------------------------------------------
// Block and NestedBlock

NestedBlock Block::Single(std::string type_name, Block block) {
  return MakeNestedBlock(std::move(type_name), NestingMode::kSingle, std::move(block));
}
NestedBlock Block::List(std::string type_name, Block block) {
  return MakeNestedBlock(std::move(type_name), NestingMode::kList, std::move(block));
}
NestedBlock Block::Set(std::string type_name, Block block) {
  return MakeNestedBlock(std::move(type_name), NestingMode::kSet, std::move(block));
}
NestedBlock Block::Map(std::string type_name, Block block) {
  return MakeNestedBlock(std::move(type_name), NestingMode::kMap, std::move(block));
}
NestedBlock Block::Group(std::string type_name, Block block) {
  return MakeNestedBlock(std::move(type_name), NestingMode::kGroup, std::move(block));
}

Type Block::ConstraintType() const { return BlockConstraintType(ViewOf(*this)); }
Type Block::ImpliedType() const { return ConstraintType().WithoutOptionalAttributes(); }
bool Block::ContainsWriteOnly() const { return BlockContainsWriteOnly(ViewOf(*this)); }
const Attribute* Block::FindAttribute(const Path& path) const {
  return Lookup(ViewOf(*this), path).attribute;
}
const NestedBlock* Block::FindBlock(const Path& path) const {
  return Lookup(ViewOf(*this), path).block;
}

NestedBlock& NestedBlock::MinItems(int64_t n) {
  min_items = n;
  return *this;
}
NestedBlock& NestedBlock::MaxItems(int64_t n) {
  max_items = n;
  return *this;
}
NestedBlock& NestedBlock::Validators(std::vector<std::shared_ptr<const Validator>> list) {
  for (auto& v : list) validators.push_back(std::move(v));
  return *this;
}
NestedBlock& NestedBlock::PlanModifiers(std::vector<std::shared_ptr<const PlanModifier>> list) {
  for (auto& m : list) plan_modifiers.push_back(std::move(m));
  return *this;
}
NestedBlock& NestedBlock::Description(std::string text) {
  block.description = std::move(text);
  block.description_kind = StringKind::kPlain;
  return *this;
}
NestedBlock& NestedBlock::MarkdownDescription(std::string text) {
  block.description = std::move(text);
  block.description_kind = StringKind::kMarkdown;
  return *this;
}
NestedBlock& NestedBlock::Deprecated(std::string message) {
  block.deprecated = true;
  block.deprecation_message = std::move(message);
  return *this;
}

Type NestedBlock::ConstraintType() const { return NestedBlockConstraintType(*this); }
Type NestedBlock::ImpliedType() const { return ConstraintType().WithoutOptionalAttributes(); }

// ---------------------------------------------------------------------------------------
// Schema

Type Schema::ConstraintType() const { return BlockConstraintType(ViewOf(*this)); }
Type Schema::ImpliedType() const { return ConstraintType().WithoutOptionalAttributes(); }

const Attribute* Schema::FindAttribute(const Path& path) const {
  return Lookup(ViewOf(*this), path).attribute;
}
const NestedBlock* Schema::FindBlock(const Path& path) const {
  return Lookup(ViewOf(*this), path).block;
}

Diagnostics Schema::Validate() const {
  Diagnostics diags;
  SchemaChecker(diags).ValidateBlock(ViewOf(*this), Path());
  return diags;
}

}  // namespace tfsdk
