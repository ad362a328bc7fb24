// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/engine/plan.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "src/engine/guard.h"
#include "src/log/log_internal.h"
#include "src/value/value_internal.h"
#include "tfsdk/attributes.h"
#include "tfsdk/convert.h"
#include "tfsdk/plan_modifier.h"

namespace tfsdk::internal {

using Object = PlanSchema::Object;
using AttributeNode = PlanSchema::AttributeNode;
using BlockNode = PlanSchema::BlockNode;

// --- PlanSchema -------------------------------------------------------------------------

namespace {

void Fill(Object& obj, const std::vector<Attribute>& attributes,
          const std::vector<NestedBlock>& blocks) {
  // Object values store attributes sorted by name (Type::AttributeTypes order); blocks are
  // attributes of the value too.
  std::vector<std::string_view> names;
  names.reserve(attributes.size() + blocks.size());
  for (const Attribute& a : attributes) names.push_back(a.name);
  for (const NestedBlock& b : blocks) names.push_back(b.type_name);
  std::sort(names.begin(), names.end());
  auto index_of = [&](std::string_view name) {
    return static_cast<int>(std::lower_bound(names.begin(), names.end(), name) - names.begin());
  };
  auto absorb = [&](const Object& child) {
    obj.any_computed |= child.any_computed;
    obj.any_default |= child.any_default;
    obj.any_modifier |= child.any_modifier;
    obj.any_write_only |= child.any_write_only;
  };
  static const std::vector<NestedBlock> kNoBlocks;
  for (const Attribute& a : attributes) {
    AttributeNode node;
    node.attribute = &a;
    node.index = index_of(a.name);
    obj.any_computed |= a.computed;
    obj.any_default |= a.default_value != nullptr;
    obj.any_modifier |= !a.plan_modifiers.empty() || a.requires_replace;
    obj.any_write_only |= a.write_only;
    if (a.nested != nullptr) {
      node.nesting = a.nested->nesting;
      node.nested = std::make_unique<Object>();
      Fill(*node.nested, a.nested->attributes, kNoBlocks);
      absorb(*node.nested);
    }
    obj.attributes.push_back(std::move(node));
  }
  for (const NestedBlock& b : blocks) {
    BlockNode node;
    node.block = &b;
    node.index = index_of(b.type_name);
    node.object = std::make_unique<Object>();
    Fill(*node.object, b.block.attributes, b.block.blocks);
    obj.any_modifier |= !b.plan_modifiers.empty();
    absorb(*node.object);
    obj.blocks.push_back(std::move(node));
  }
}

}  // namespace

PlanSchema::PlanSchema(const Schema& schema) : schema_(&schema) {
  Fill(root_, schema.attributes, schema.blocks);
}

// --- helpers ----------------------------------------------------------------------------

namespace {

// Attribute `index` of an object value; null or unknown (of `slot`) when the object is.
Value ChildOf(const Value& object, int index, const Type& slot) {
  if (object.IsKnown()) {
    const ValueList& elems = object.Elements();
    if (static_cast<size_t>(index) < elems.size()) return elems[index];
    return Value::NullVal(slot);
  }
  if (object.IsUnknown()) return Value::UnknownVal(slot);
  return Value::NullVal(slot);
}

// Element `i` of a list or tuple; null or unknown when absent.
Value ElementOf(const Value& list, size_t i, const Type& type) {
  if (list.IsKnown()) {
    if ((list.type().IsList() || list.type().IsTuple()) && i < list.Length()) {
      return list.Elements()[i];
    }
    return Value::NullVal(type);
  }
  if (list.IsUnknown()) return Value::UnknownVal(type);
  return Value::NullVal(type);
}

// Element `key` of a map, or of an object standing for a map (blocks with dynamic types).
Value KeyOf(const Value& map, const std::string& key, const Type& type) {
  if (map.IsKnown()) {
    const Value* v = map.type().IsMap() ? map.FindKey(key) : map.FindAttr(key);
    if (v != nullptr) return *v;
    return Value::NullVal(type);
  }
  if (map.IsUnknown()) return Value::UnknownVal(type);
  return Value::NullVal(type);
}

const Type& SlotType(const Value& object, int index) {
  return object.type().AttributeTypes()[index].second;
}

std::string Shorten(std::string s) {
  constexpr size_t kMax = 200;
  if (s.size() > kMax) s = s.substr(0, kMax) + " ...";
  return s;
}

// --- set element matching -----------------------------------------------------------------

// `v` with every Computed attribute (at any depth) null: what a configuration element and
// the plan and prior elements made from it have in common.
Value Project(const Object& obj, const Value& v);

Value ProjectNested(const Object& obj, NestingMode nesting, const Value& v) {
  if (!v.IsKnown() || !obj.any_computed) return v;
  const Type& t = v.type();
  switch (nesting) {
    case NestingMode::kSingle:
    case NestingMode::kGroup:
      return Project(obj, v);
    case NestingMode::kList:
    case NestingMode::kSet: {
      if (!(t.IsList() || t.IsSet() || t.IsTuple())) return v;
      ValueList out;
      out.reserve(v.Length());
      for (const Value& e : v.Elements()) out.push_back(Project(obj, e));
      if (t.IsSet()) return ValueAccess::KnownSet(t, std::move(out));
      return ValueAccess::KnownSequence(t, std::move(out));
    }
    case NestingMode::kMap: {
      if (t.IsMap()) {
        ValueMap out;
        out.reserve(v.Length());
        for (const auto& [k, e] : v.MapElements()) out.emplace_back(k, Project(obj, e));
        return ValueAccess::KnownMap(t, std::move(out));
      }
      if (t.IsObject()) {
        ValueList out;
        for (const Value& e : v.Elements()) out.push_back(Project(obj, e));
        return ValueAccess::KnownSequence(t, std::move(out));
      }
      return v;
    }
    default:
      return v;
  }
}

Value Project(const Object& obj, const Value& v) {
  if (!v.IsKnown() || !obj.any_computed || !v.type().IsObject()) return v;
  ValueList elems = v.Elements();
  for (const AttributeNode& a : obj.attributes) {
    if (static_cast<size_t>(a.index) >= elems.size()) continue;
    if (a.attribute->computed) {
      elems[a.index] = Value::NullVal(SlotType(v, a.index));
    } else if (a.nested != nullptr) {
      elems[a.index] = ProjectNested(*a.nested, a.nesting, elems[a.index]);
    }
  }
  for (const BlockNode& b : obj.blocks) {
    if (static_cast<size_t>(b.index) >= elems.size()) continue;
    elems[b.index] = ProjectNested(*b.object, b.block->nesting, elems[b.index]);
  }
  return ValueAccess::KnownSequence(v.type(), std::move(elems));
}

bool Compatible(const Object& obj, const Value& config, const Value& plan);

bool NestedCompatible(const Object& obj, NestingMode nesting, const Value& config,
                      const Value& plan) {
  if (!config.IsKnown() || !plan.IsKnown()) return true;
  switch (nesting) {
    case NestingMode::kSingle:
    case NestingMode::kGroup:
      return Compatible(obj, config, plan);
    case NestingMode::kList:
    case NestingMode::kMap: {
      if (config.type().IsMap() != plan.type().IsMap()) return false;
      if (config.Length() != plan.Length()) return false;
      if (config.type().IsMap()) {
        const ValueMap& c = config.MapElements();
        const ValueMap& p = plan.MapElements();
        for (size_t i = 0; i < c.size(); ++i) {
          if (c[i].first != p[i].first || !Compatible(obj, c[i].second, p[i].second)) {
            return false;
          }
        }
        return true;
      }
      for (size_t i = 0; i < config.Length(); ++i) {
        if (!Compatible(obj, config.Elements()[i], plan.Elements()[i])) return false;
      }
      return true;
    }
    default:  // sets: the projections already agreed
      return config.Length() == plan.Length();
  }
}

// Whether `plan` could have been made from the configuration element `config`: every value
// the configuration sets is planned unchanged.
bool Compatible(const Object& obj, const Value& config, const Value& plan) {
  if (!config.IsKnown() || !plan.IsKnown()) return true;
  const ValueList& c = config.Elements();
  const ValueList& p = plan.Elements();
  for (const AttributeNode& a : obj.attributes) {
    const Value& cv = c[a.index];
    if (cv.IsNull()) continue;
    if (a.nested != nullptr && a.nested->any_computed) {
      if (!NestedCompatible(*a.nested, a.nesting, cv, p[a.index])) return false;
    } else if (!cv.RawEquals(p[a.index])) {
      return false;
    }
  }
  for (const BlockNode& b : obj.blocks) {
    if (!NestedCompatible(*b.object, b.block->nesting, c[b.index], p[b.index])) return false;
  }
  return true;
}

// For each plan element, the element of `other` (the configuration's or prior state's set)
// it stands for, or null when there is none. Elements pair up when they agree on every
// non-Computed attribute; among several candidates the configuration element whose set
// values the plan keeps (or the prior element equal to the plan element) wins. Each
// element of `other` pairs at most once. Expected O(total size).
std::vector<Value> MatchSetElements(const Object& obj, const ValueList& plan_elements,
                                    const Type& element_type, const Value& other,
                                    bool other_is_config) {
  std::vector<Value> out;
  out.reserve(plan_elements.size());
  if (!other.IsKnown() || !other.type().IsSet()) {
    Value filler =
        other.IsUnknown() ? Value::UnknownVal(element_type) : Value::NullVal(element_type);
    out.assign(plan_elements.size(), filler);
    return out;
  }
  const ValueList& others = other.Elements();
  std::vector<Value> projected;
  projected.reserve(others.size());
  std::unordered_multimap<size_t, size_t> by_hash;
  by_hash.reserve(others.size());
  for (size_t j = 0; j < others.size(); ++j) {
    projected.push_back(Project(obj, others[j]));
    by_hash.emplace(projected.back().Hash(), j);
  }
  std::vector<bool> used(others.size(), false);
  constexpr size_t kNone = static_cast<size_t>(-1);
  for (const Value& pe : plan_elements) {
    Value key = Project(obj, pe);
    auto [lo, hi] = by_hash.equal_range(key.Hash());
    size_t first = kNone;
    size_t chosen = kNone;
    for (auto it = lo; it != hi; ++it) {
      size_t j = it->second;
      if (used[j] || !projected[j].RawEquals(key)) continue;
      if (first == kNone) first = j;
      bool best = other_is_config ? Compatible(obj, others[j], pe) : others[j].RawEquals(pe);
      if (best) {
        chosen = j;
        break;
      }
    }
    if (chosen == kNone) chosen = first;
    if (chosen == kNone) {
      out.push_back(Value::NullVal(element_type));
    } else {
      used[chosen] = true;
      out.push_back(others[chosen]);
    }
  }
  return out;
}

// --- walking the plan along the schema -----------------------------------------------------

// Visits every attribute and block instance of a plan with the configuration and prior
// state values at the same place, letting a subclass replace planned values. Objects are
// rebuilt only where something changed, so untouched subtrees stay shared.
class Walker {
 public:
  virtual ~Walker() = default;

  void Run(const Object& root, Value& plan, const Value& config, const Value& state) {
    WalkObject(root, plan, config, state, Path(), /*in_set=*/false, /*root=*/true);
  }

 protected:
  struct Visit {
    bool changed = false;  // `plan` was replaced
    bool descend = true;   // walk into the attribute's nested objects
  };
  // Whether anything in `obj`'s subtree matters to this walker.
  virtual bool Wants(const Object& obj) const = 0;
  // Whether the prior state values are needed (set matching costs time).
  virtual bool NeedsState() const { return false; }
  virtual Visit VisitAttribute(const AttributeNode& node, const Path& path, const Type& slot,
                               const Value& config, const Value& state, Value& plan) = 0;
  // Returns whether `plan` was replaced.
  virtual bool VisitBlock(const BlockNode& node, const Path& path, const Type& slot,
                          const Value& config, const Value& state, Value& plan) {
    (void)node, (void)path, (void)slot, (void)config, (void)state, (void)plan;
    return false;
  }
  // The whole plan after a top-level attribute or block changed.
  virtual void RootChanged(const Value& root) { (void)root; }

 private:
  bool WalkObject(const Object& obj, Value& plan, const Value& config, const Value& state,
                  const Path& path, bool in_set, bool root);
  bool WalkElements(const Object& obj, NestingMode nesting, Value& plan, const Value& config,
                    const Value& state, const Path& path, bool in_set);
};

bool Walker::WalkObject(const Object& obj, Value& plan, const Value& config, const Value& state,
                        const Path& path, bool in_set, bool root) {
  if (!plan.IsKnown() || !plan.type().IsObject() || !Wants(obj)) return false;
  const Value original = plan;
  const ValueList& current = original.Elements();
  std::optional<ValueList> out;
  const bool need_state = NeedsState();
  auto update = [&](int index, Value v) {
    if (!out) out.emplace(current);
    (*out)[index] = std::move(v);
    if (root) {
      plan = ValueAccess::KnownSequence(original.type(), *out);
      RootChanged(plan);
    }
  };
  for (const AttributeNode& a : obj.attributes) {
    if (static_cast<size_t>(a.index) >= current.size()) continue;
    const Type& slot = SlotType(original, a.index);
    Value cv = ChildOf(config, a.index, slot);
    Value sv = need_state ? ChildOf(state, a.index, slot) : Value();
    Value pv = out ? (*out)[a.index] : current[a.index];
    Path p = in_set ? path : path.Attr(a.attribute->name);
    Visit visit = VisitAttribute(a, p, slot, cv, sv, pv);
    bool changed = visit.changed;
    if (visit.descend && a.nested != nullptr && pv.IsKnown() && Wants(*a.nested)) {
      changed |= WalkElements(*a.nested, a.nesting, pv, cv, sv, p, in_set);
    }
    if (changed) update(a.index, std::move(pv));
  }
  for (const BlockNode& b : obj.blocks) {
    if (static_cast<size_t>(b.index) >= current.size()) continue;
    const Type& slot = SlotType(original, b.index);
    Value cv = ChildOf(config, b.index, slot);
    Value sv = need_state ? ChildOf(state, b.index, slot) : Value();
    Value pv = out ? (*out)[b.index] : current[b.index];
    Path p = in_set ? path : path.Attr(b.block->type_name);
    bool changed = VisitBlock(b, p, slot, cv, sv, pv);
    if (pv.IsKnown() && Wants(*b.object)) {
      changed |= WalkElements(*b.object, b.block->nesting, pv, cv, sv, p, in_set);
    }
    if (changed) update(b.index, std::move(pv));
  }
  if (out && !root) plan = ValueAccess::KnownSequence(original.type(), std::move(*out));
  return out.has_value();
}

bool Walker::WalkElements(const Object& obj, NestingMode nesting, Value& plan, const Value& config,
                          const Value& state, const Path& path, bool in_set) {
  if (!plan.IsKnown()) return false;
  const Type& t = plan.type();
  const bool need_state = NeedsState();
  switch (nesting) {
    case NestingMode::kSingle:
    case NestingMode::kGroup:
      return WalkObject(obj, plan, config, state, path, in_set, false);

    case NestingMode::kList: {
      if (!(t.IsList() || t.IsTuple())) return false;
      const Value original = plan;
      const ValueList& elems = original.Elements();
      std::optional<ValueList> out;
      for (size_t i = 0; i < elems.size(); ++i) {
        Value ev = elems[i];
        Value ce = ElementOf(config, i, ev.type());
        Value se = need_state ? ElementOf(state, i, ev.type()) : Value();
        Path p = in_set ? path : path.Index(static_cast<int64_t>(i));
        if (WalkObject(obj, ev, ce, se, p, in_set, false)) {
          if (!out) out.emplace(elems);
          (*out)[i] = std::move(ev);
        }
      }
      if (!out) return false;
      plan = ValueAccess::KnownSequence(t, std::move(*out));
      return true;
    }

    case NestingMode::kMap: {
      const Value original = plan;
      if (t.IsMap()) {
        const ValueMap& elems = original.MapElements();
        std::optional<ValueMap> out;
        for (size_t i = 0; i < elems.size(); ++i) {
          const std::string& key = elems[i].first;
          Value ev = elems[i].second;
          Value ce = KeyOf(config, key, ev.type());
          Value se = need_state ? KeyOf(state, key, ev.type()) : Value();
          Path p = in_set ? path : path.Key(key);
          if (WalkObject(obj, ev, ce, se, p, in_set, false)) {
            if (!out) out.emplace(elems);
            (*out)[i].second = std::move(ev);
          }
        }
        if (!out) return false;
        plan = ValueAccess::KnownMap(t, std::move(*out));
        return true;
      }
      if (t.IsObject()) {  // a MAP block with dynamic types travels as an object
        const ValueList& elems = original.Elements();
        const auto& names = t.AttributeTypes();
        std::optional<ValueList> out;
        for (size_t i = 0; i < elems.size(); ++i) {
          const std::string& key = names[i].first;
          Value ev = elems[i];
          Value ce = KeyOf(config, key, ev.type());
          Value se = need_state ? KeyOf(state, key, ev.type()) : Value();
          Path p = in_set ? path : path.Key(key);
          if (WalkObject(obj, ev, ce, se, p, in_set, false)) {
            if (!out) out.emplace(elems);
            (*out)[i] = std::move(ev);
          }
        }
        if (!out) return false;
        plan = ValueAccess::KnownSequence(t, std::move(*out));
        return true;
      }
      return false;
    }

    case NestingMode::kSet: {
      if (!t.IsSet()) return false;
      const Value original = plan;
      const ValueList& elems = original.Elements();
      const Type& et = t.ElementType();
      std::vector<Value> configs = MatchSetElements(obj, elems, et, config, true);
      std::vector<Value> states;
      if (need_state) states = MatchSetElements(obj, elems, et, state, false);
      std::optional<ValueList> out;
      for (size_t i = 0; i < elems.size(); ++i) {
        Value ev = elems[i];
        Value se = need_state ? states[i] : Value();
        // Set elements have no address: paths stop at the set.
        if (WalkObject(obj, ev, configs[i], se, path, /*in_set=*/true, false)) {
          if (!out) out.emplace(elems);
          (*out)[i] = std::move(ev);
        }
      }
      if (!out) return false;
      plan = ValueAccess::KnownSet(t, std::move(*out));
      return true;
    }

    default:
      return false;
  }
}

// Step 1: a Computed attribute with a default that the configuration leaves null plans
// the default. The default is the attribute's whole value: nothing inside it is walked.
class DefaultsWalker final : public Walker {
 public:
  DefaultsWalker(const Attributes& config, Diagnostics& diags) : config_(config), diags_(diags) {}

 protected:
  bool Wants(const Object& obj) const override { return obj.any_default; }
  Visit VisitAttribute(const AttributeNode& node, const Path& path, const Type& slot,
                       const Value& config, const Value&, Value& plan) override {
    const Attribute& a = *node.attribute;
    if (a.default_value == nullptr || !config.IsNull()) return {};
    Value v;
    Diagnostics diags;
    bool ok = GuardAuthorCall(diags, absl::StrCat("the default of ", path.ToString()), path, [&] {
      v = a.default_value->DefaultValue(DefaultRequest{path, config_}, diags);
    });
    diags_.Append(diags);
    if (!ok || diags.HasError()) return {false, false};
    if (v.IsNull()) {
      diags_.AddError("Invalid default value",
                      absl::StrCat("The default of \"", path.ToString(),
                                   "\" returned null. A default must be a value; to leave the "
                                   "attribute null, remove the default."),
                      path);
      return {false, false};
    }
    if (absl::Status s = v.CheckConforms(slot); !s.ok()) {
      diags_.AddError("Invalid default value",
                      absl::StrCat("The default of \"", path.ToString(), "\" is a ",
                                   v.type().FriendlyName(), ", but the attribute is a ",
                                   slot.FriendlyName(), ": ", std::string(s.message())),
                      path);
      return {false, false};
    }
    plan = std::move(v);
    return {true, false};
  }

 private:
  const Attributes& config_;
  Diagnostics& diags_;
};

// Step 2: Computed attributes the configuration leaves null become unknown ("known after
// apply"), except those with a default.
class UnknownWalker final : public Walker {
 protected:
  bool Wants(const Object& obj) const override { return obj.any_computed; }
  Visit VisitAttribute(const AttributeNode& node, const Path&, const Type& slot,
                       const Value& config, const Value&, Value& plan) override {
    const Attribute& a = *node.attribute;
    if (!a.computed || !config.IsNull()) return {};
    if (a.default_value != nullptr) return {false, false};
    if (plan.IsUnknown()) return {false, false};
    plan = Value::UnknownVal(slot);
    return {true, false};
  }
};

// Step 3: attribute and block plan modifiers, parents before children.
class ModifierWalker final : public Walker {
 public:
  ModifierWalker(const Attributes& config, const Attributes& state, Attributes& plan,
                 const PrivateState& private_state, std::vector<Path>& requires_replace,
                 Diagnostics& diags)
      : config_(config),
        state_(state),
        plan_(plan),
        private_(private_state),
        requires_replace_(requires_replace),
        diags_(diags) {}

 protected:
  bool Wants(const Object& obj) const override { return obj.any_modifier; }
  bool NeedsState() const override { return true; }

  Visit VisitAttribute(const AttributeNode& node, const Path& path, const Type& slot,
                       const Value& config, const Value& state, Value& plan) override {
    const Attribute& a = *node.attribute;
    if (a.plan_modifiers.empty() && !a.requires_replace) return {};
    Value before = plan;
    bool ok = RunModifiers(a.plan_modifiers, path, slot, config, state, plan);
    // The requires_replace flag acts as a RequiresReplace modifier after the attribute's
    // own: never on create, and only when the planned value differs from the prior one.
    if (ok && a.requires_replace && !state_.IsNull() && !plan.RawEquals(state)) {
      requires_replace_.push_back(path);
    }
    return {!plan.RawEquals(before), ok};
  }

  bool VisitBlock(const BlockNode& node, const Path& path, const Type& slot, const Value& config,
                  const Value& state, Value& plan) override {
    if (node.block->plan_modifiers.empty()) return false;
    Value before = plan;
    RunModifiers(node.block->plan_modifiers, path, slot, config, state, plan);
    return !plan.RawEquals(before);
  }

  void RootChanged(const Value& root) override { plan_.SetWhole(root); }

 private:
  // Runs `modifiers` in order, each seeing the previous one's planned value. Returns false
  // (leaving the last good value in `plan`) when one fails.
  bool RunModifiers(const std::vector<std::shared_ptr<const PlanModifier>>& modifiers,
                    const Path& path, const Type& slot, const Value& config, const Value& state,
                    Value& plan) {
    for (const auto& modifier : modifiers) {
      if (modifier == nullptr) continue;
      PlanModifierRequest req{path, config, state, plan, config_, state_, plan_, private_};
      PlanModifierResponse resp;
      resp.plan_value = plan;
      bool ok = GuardAuthorCall(diags_, absl::StrCat("a plan modifier of ", path.ToString()), path,
                        [&] { modifier->Modify(req, resp); });
      diags_.Append(resp.diagnostics);
      if (!ok || resp.diagnostics.HasError()) return false;
      if (absl::Status s = resp.plan_value.CheckConforms(slot); !s.ok()) {
        std::string description;
        GuardAuthorCall(diags_, "a plan modifier's description", path,
                [&] { description = modifier->Description(); });
        diags_.AddError(
            "Plan modifier returned a value of the wrong type",
            absl::StrCat("The plan modifier \"", description, "\" of \"", path.ToString(),
                         "\" returned a ", resp.plan_value.type().FriendlyName(),
                         ", but the attribute is a ", slot.FriendlyName(), ": ",
                         std::string(s.message())),
            path);
        return false;
      }
      plan = std::move(resp.plan_value);
      if (resp.requires_replace) requires_replace_.push_back(path);
    }
    return true;
  }

  const Attributes& config_;
  const Attributes& state_;
  Attributes& plan_;
  const PrivateState& private_;
  std::vector<Path>& requires_replace_;
  Diagnostics& diags_;
};

class WriteOnlyWalker final : public Walker {
 protected:
  bool Wants(const Object& obj) const override { return obj.any_write_only; }
  Visit VisitAttribute(const AttributeNode& node, const Path&, const Type& slot, const Value&,
                       const Value&, Value& plan) override {
    if (!node.attribute->write_only) return {};
    if (plan.IsNull()) return {false, false};
    plan = Value::NullVal(slot);
    return {true, false};
  }
};

}  // namespace

PlanStepsResult PlanAttributeSteps(const PlanSchema& schema, const PlanStepsInput& in) {
  PlanStepsResult r;
  r.planned = in.proposed;
  const Schema* s = &schema.schema();
  const Object& root = schema.root();
  Attributes config(s, in.config);

  if (root.any_default) {
    DefaultsWalker defaults(config, r.diagnostics);
    defaults.Run(root, r.planned, in.config, Value());
    if (r.diagnostics.HasError()) return r;
  }
  // An unchanged resource plans no change: its computed values stay as they are.
  if (in.prior.IsNull() || !r.planned.RawEquals(in.prior)) {
    UnknownWalker unknowns;
    unknowns.Run(root, r.planned, in.config, Value());
  }
  if (root.any_modifier) {
    static const PrivateState kNoPrivateState;
    Attributes state(s, in.prior);
    Attributes plan(s, r.planned);
    ModifierWalker modifiers(config, state, plan,
                             in.prior_private != nullptr ? *in.prior_private : kNoPrivateState,
                             r.requires_replace, r.diagnostics);
    modifiers.Run(root, r.planned, in.config, in.prior);
  }
  return r;
}

Value NullWriteOnly(const PlanSchema& schema, const Value& planned) {
  if (!schema.root().any_write_only) return planned;
  Value out = planned;
  WriteOnlyWalker walker;
  walker.Run(schema.root(), out, Value(), Value());
  return out;
}

// --- plan validity ----------------------------------------------------------------------

namespace {

bool HasRefinedUnknown(const Value& v) {
  bool found = false;
  v.Walk([&](const Path&, const Value& x) {
    if (found) return false;
    if (x.IsUnknown() && !x.refinements().empty()) found = true;
    return !found;
  });
  return found;
}

Value Unrefined(const Value& v) {
  absl::StatusOr<Value> out = v.Transform([](const Path&, const Value& x) -> absl::StatusOr<Value> {
    if (x.IsUnknown()) return Value::UnknownVal(x.type());
    return x;
  });
  return out.ok() ? *out : v;
}

// Equality that ignores what is known about unknown values, as Terraform compares plans.
bool EqualUnrefined(const Value& a, const Value& b) {
  if (a.RawEquals(b)) return true;
  if (!HasRefinedUnknown(a) && !HasRefinedUnknown(b)) return false;
  return Unrefined(a).RawEquals(Unrefined(b));
}

// Mirrors Terraform's AssertPlanValid (internal/plans/objchange/plan_valid.go).
class PlanChecker {
 public:
  explicit PlanChecker(Diagnostics& diags) : diags_(diags) {}

  // A block-level object (the root or one nested block).
  void CheckBlockObject(const Object& obj, const Value& prior, const Value& config,
                        const Value& planned, const Path& path, bool in_set) {
    if (planned.IsNull() && !config.IsNull()) {
      Report(path, "is planned as absent (null), but the configuration has it");
      return;
    }
    if (config.IsNull() && !planned.IsNull()) {
      Report(path, "is planned to exist, but the configuration does not have it");
      return;
    }
    if (planned.IsNull()) return;
    CheckAttributes(obj, prior, config, planned, path, in_set);
    for (const BlockNode& b : obj.blocks) {
      const Type& slot = SlotType(planned, b.index);
      Value pv = ChildOf(planned, b.index, slot);
      Value cv = ChildOf(config, b.index, slot);
      Value prv = ChildOf(prior, b.index, slot);
      Path p = in_set ? path : path.Attr(b.block->type_name);
      CheckBlock(b, prv, cv, pv, p, in_set);
    }
  }

 private:
  void CheckBlock(const BlockNode& b, const Value& prior, const Value& config, const Value& planned,
                  const Path& path, bool in_set) {
    NestingMode nesting = b.block->nesting;
    if (nesting != NestingMode::kSingle && planned.IsNull()) {
      Report(path,
             "is null; blocks that the configuration leaves out must be planned as an empty "
             "collection, not null");
      return;
    }
    if (planned.RawEquals(config)) return;
    if (!config.IsKnown()) {
      Report(path, absl::StrCat("is planned as ", Shorten(planned.ToString()),
                                ", but the configuration's blocks are not known yet (a "
                                "dynamic block over an unknown collection); the plan must "
                                "keep them as they are"));
      return;
    }
    if (!planned.IsKnown()) {
      Report(path,
             "is planned wholly unknown; a block cannot be unknown itself: plan unknown "
             "values for its attributes instead");
      return;
    }
    const Object& obj = *b.object;
    switch (nesting) {
      case NestingMode::kSingle:
      case NestingMode::kGroup:
        CheckBlockObject(obj, prior, config, planned, path, in_set);
        return;
      case NestingMode::kList: {
        size_t planned_n = planned.Length();
        size_t config_n = config.IsNull() ? 0 : config.Length();
        if (planned_n != config_n) {
          Report(path, absl::StrCat("has ", planned_n, " block(s), but the configuration has ",
                                    config_n));
          return;
        }
        for (size_t i = 0; i < planned_n; ++i) {
          const Value& pe = planned.Elements()[i];
          Path p = in_set ? path : path.Index(static_cast<int64_t>(i));
          if (!pe.IsKnown()) {
            Report(p,
                   "is a block planned wholly unknown; plan unknown values for its "
                   "attributes instead");
            continue;
          }
          CheckBlockObject(obj, ElementOf(prior, i, pe.type()), config.Elements()[i], pe, p,
                           in_set);
        }
        return;
      }
      case NestingMode::kMap: {
        CheckKeyed(planned, config, path, in_set,
                   [&](const Value& pe, const Value& ce, const std::string& key, const Path& p) {
                     if (!pe.IsKnown()) {
                       Report(p,
                              "is a block planned wholly unknown; plan unknown values "
                              "for its attributes instead");
                       return;
                     }
                     CheckBlockObject(obj, KeyOf(prior, key, pe.type()), ce, pe, p, in_set);
                   });
        return;
      }
      case NestingMode::kSet:
        // Set elements cannot be paired with configuration elements reliably; Terraform
        // only insists that none is wholly unknown.
        for (const Value& pe : planned.Elements()) {
          if (!pe.IsKnown()) {
            Report(path,
                   "contains a block planned wholly unknown; plan unknown values for "
                   "its attributes instead");
            return;
          }
        }
        return;
      default:
        return;
    }
  }

  // Pairs the elements of two maps (or objects standing for maps) by key and reports keys
  // that only one of them has.
  void CheckKeyed(const Value& planned, const Value& config, const Path& path, bool in_set,
                  const std::function<void(const Value&, const Value&, const std::string&,
                                           const Path&)>& each) {
    auto keys_of = [](const Value& v) {
      std::vector<std::string> keys;
      if (!v.IsKnown()) return keys;
      if (v.type().IsMap()) {
        for (const auto& [k, e] : v.MapElements()) keys.push_back(k);
      } else if (v.type().IsObject()) {
        for (const auto& [k, t] : v.type().AttributeTypes()) keys.push_back(k);
      }
      return keys;
    };
    std::vector<std::string> planned_keys = keys_of(planned);
    std::vector<std::string> config_keys = keys_of(config);
    for (const std::string& k : planned_keys) {
      Path p = in_set ? path : path.Key(k);
      if (!std::binary_search(config_keys.begin(), config_keys.end(), k)) {
        Report(path,
               absl::StrCat("has the key \"", k, "\" in the plan, but the configuration does not"));
        continue;
      }
      const Value* pe = planned.type().IsMap() ? planned.FindKey(k) : planned.FindAttr(k);
      const Value* ce = config.type().IsMap() ? config.FindKey(k) : config.FindAttr(k);
      if (pe != nullptr && ce != nullptr) each(*pe, *ce, k, p);
    }
    for (const std::string& k : config_keys) {
      if (!std::binary_search(planned_keys.begin(), planned_keys.end(), k)) {
        Report(path,
               absl::StrCat("lacks the key \"", k, "\" in the plan, but the configuration has it"));
      }
    }
  }

  void CheckAttributes(const Object& obj, const Value& prior, const Value& config,
                       const Value& planned, const Path& path, bool in_set) {
    for (const AttributeNode& a : obj.attributes) {
      const Type& slot = SlotType(planned, a.index);
      Path p = in_set ? path : path.Attr(a.attribute->name);
      CheckValue(a, ChildOf(prior, a.index, slot), ChildOf(config, a.index, slot),
                 ChildOf(planned, a.index, slot), p, in_set);
    }
  }

  std::string Show(const AttributeNode& a, const Value& v) const {
    if (a.attribute->sensitive) return "(sensitive value)";
    return Shorten(v.ToString());
  }

  void CheckValue(const AttributeNode& a, const Value& prior, const Value& config,
                  const Value& planned, const Path& path, bool in_set) {
    const Attribute& attr = *a.attribute;
    if (EqualUnrefined(planned, config)) return;
    if (!prior.IsNull() && !config.IsNull() && EqualUnrefined(planned, prior)) return;
    if (attr.write_only) {
      if (!planned.IsNull()) {
        Report(path,
               "is write-only, so it must be planned null (its value never enters "
               "the plan or the state)");
      }
      return;
    }
    if (attr.computed && !attr.optional) return;
    if (config.IsNull() && attr.computed) return;
    if (config.IsNull() && !planned.IsNull()) {
      Report(path, absl::StrCat("is planned as ", Show(a, planned),
                                ", but the configuration leaves it unset and the attribute "
                                "is not Computed, so the plan must leave it null"));
      return;
    }
    if (a.nested != nullptr) {
      CheckNested(a, prior, config, planned, path, in_set);
      return;
    }
    if (prior.IsNull()) {
      Report(path, absl::StrCat("is planned as ", Show(a, planned),
                                ", but the configuration sets it to ", Show(a, config)));
      return;
    }
    Report(path,
           absl::StrCat("is planned as ", Show(a, planned), ", but the configuration sets it to ",
                        Show(a, config), " and the prior state has ", Show(a, prior)));
  }

  void CheckNested(const AttributeNode& a, const Value& prior, const Value& config,
                   const Value& planned, const Path& path, bool in_set) {
    if (planned.IsNull() && !config.IsNull()) {
      Report(path, "is planned as null, but the configuration sets it");
      return;
    }
    if (config.IsNull() && !planned.IsNull()) {
      Report(path, "is planned with a value, but the configuration leaves it unset");
      return;
    }
    if (!config.IsNull() && !planned.IsKnown()) {
      Report(path,
             "is set in the configuration but planned wholly unknown; plan unknown "
             "values for its Computed attributes instead");
      return;
    }
    if (planned.IsNull()) return;
    const Object& obj = *a.nested;
    switch (a.nesting) {
      case NestingMode::kSingle:
        CheckAttributes(obj, prior, config, planned, path, in_set);
        return;
      case NestingMode::kList: {
        if (!config.IsKnown() || planned.Length() != config.Length()) {
          Report(path, absl::StrCat("has ", planned.Length(),
                                    " element(s) in the plan, but the configuration has ",
                                    config.IsKnown() ? std::to_string(config.Length())
                                                     : std::string("an unknown number")));
          return;
        }
        for (size_t i = 0; i < planned.Length(); ++i) {
          const Value& pe = planned.Elements()[i];
          Path p = in_set ? path : path.Index(static_cast<int64_t>(i));
          CheckAttributes(obj, ElementOf(prior, i, pe.type()), config.Elements()[i], pe, p, in_set);
        }
        return;
      }
      case NestingMode::kMap: {
        if (!config.IsKnown()) {
          Report(path, "has known elements in the plan, but the configuration's are unknown");
          return;
        }
        CheckKeyed(planned, config, path, in_set,
                   [&](const Value& pe, const Value& ce, const std::string& key, const Path& p) {
                     CheckAttributes(obj, KeyOf(prior, key, pe.type()), ce, pe, p, in_set);
                   });
        return;
      }
      case NestingMode::kSet:
        // Elements with unknowns may still turn out equal and merge, so Terraform allows a
        // range of lengths then; compare only when both sets are wholly known.
        if (config.IsWhollyKnown() && planned.IsWhollyKnown() &&
            planned.Length() != config.Length()) {
          Report(path, absl::StrCat("has ", planned.Length(),
                                    " element(s) in the plan, but the configuration has ",
                                    config.Length()));
        }
        return;
      default:
        return;
    }
  }

  void Report(const Path& path, const std::string& what) {
    std::string where =
        path.empty() ? "The planned resource" : absl::StrCat("\"", path.ToString(), "\"");
    diags_.AddError(
        "Provider produced invalid plan",
        absl::StrCat(where, " ", what,
                     ". Terraform rejects such a plan. A plan may differ from the "
                     "configuration only where an attribute is Computed and left unset, or "
                     "where it keeps the prior state's value; check the attribute's default "
                     "and plan modifiers and the resource's ModifyPlan."),
        path.empty() ? std::nullopt : std::optional<Path>(path));
  }

  Diagnostics& diags_;
};

}  // namespace

void CheckPlanValid(const PlanSchema& schema, const Value& prior, const Value& config,
                    const Value& planned, Diagnostics& diags) {
  PlanChecker checker(diags);
  checker.CheckBlockObject(schema.root(), prior, config, planned, Path(), /*in_set=*/false);
}

}  // namespace tfsdk::internal
