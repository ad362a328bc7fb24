// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/testing/objchange.h"

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tfsdk::internal {
namespace {

// --- access that tolerates null and unknown containers ----------------------------------

// The attribute `name` of an object value; a null or unknown object yields a null or
// unknown value of the attribute's type, as cty does.
Value AttrOf(const Value& object, const std::string& name) {
  const Type& t = object.type();
  Type attr_type = t.IsObject() && t.HasAttribute(name) ? t.AttributeType(name) : Type::Dynamic();
  if (object.IsNull()) return Value::NullVal(attr_type);
  if (object.IsUnknown()) return Value::UnknownVal(attr_type);
  const Value* v = object.FindAttr(name);
  return v != nullptr ? *v : Value::NullVal(attr_type);
}

Type ElementTypeOf(const Type& t, size_t i) {
  if (t.IsCollection()) return t.ElementType();
  if (t.IsTuple() && i < t.TupleElementTypes().size()) return t.TupleElementTypes()[i];
  return Type::Dynamic();
}

// Element i of a list, set or tuple; unknown if the collection is unknown.
Value ElementOf(const Value& seq, size_t i) {
  if (seq.IsUnknown()) return Value::UnknownVal(ElementTypeOf(seq.type(), i));
  return seq.Index(i);
}

// Element `key` of a map, or attribute `key` of an object standing in for one, or nullopt.
std::optional<Value> KeyOf(const Value& m, const std::string& key) {
  if (!m.IsKnown()) return std::nullopt;
  const Value* v = m.type().IsObject() ? m.FindAttr(key) : m.FindKey(key);
  if (v == nullptr) return std::nullopt;
  return *v;
}

// The keys of a known map (or object standing in for a map), in order.
std::vector<std::string> KeysOf(const Value& m) {
  std::vector<std::string> keys;
  if (!m.IsKnown()) return keys;
  if (m.type().IsObject()) {
    for (const auto& [name, t] : m.type().AttributeTypes()) keys.push_back(name);
  } else {
    for (const auto& [k, v] : m.MapElements()) keys.push_back(k);
  }
  return keys;
}

size_t LengthOf(const Value& v) { return v.IsKnown() ? v.Length() : 0; }

// Rebuilds a list-like value (list or tuple) of `like`'s kind.
Value SequenceLike(const Value& like, ValueList elements) {
  if (like.type().IsTuple()) return Value::TupleVal(std::move(elements));
  return Value::ListVal(like.type().ElementType(), std::move(elements));
}

// Rebuilds a map-like value (map, or object keyed by name) of `like`'s kind.
Value MapLike(const Value& like, std::map<std::string, Value> elements) {
  if (like.type().IsObject()) return Value::ObjectVal(std::move(elements));
  return Value::MapVal(like.type().ElementType(), std::move(elements));
}

Value EmptyLike(const Value& like) {
  const Type& t = like.type();
  if (t.IsTuple()) return Value::TupleVal({});
  if (t.IsList()) return Value::ListVal(t.ElementType(), {});
  if (t.IsSet()) return Value::SetVal(t.ElementType(), {});
  if (t.IsMap()) return Value::MapVal(t.ElementType(), {});
  if (t.IsObject()) return Value::ObjectVal({});
  return like;
}

// The value with every unknown stripped of its refinements: Terraform compares plans
// with refinements ignored.
Value Unrefined(const Value& v) {
  if (v.IsWhollyKnown() || v.IsNull()) return v;
  absl::StatusOr<Value> out = v.Transform([](const Path&, const Value& x) -> absl::StatusOr<Value> {
    if (x.IsUnknown() && !x.refinements().empty()) return Value::UnknownVal(x.type());
    return x;
  });
  return out.ok() ? *std::move(out) : v;
}

bool EqualUnrefined(const Value& a, const Value& b) {
  if (a.RawEquals(b)) return true;
  return Unrefined(a).RawEquals(Unrefined(b));
}

const char* NestingWord(NestingMode m) {
  switch (m) {
    case NestingMode::kList:
      return "list";
    case NestingMode::kSet:
      return "set";
    case NestingMode::kMap:
      return "map";
    case NestingMode::kGroup:
      return "group";
    default:
      return "single";
  }
}

// The attribute a path relative to an object of `attrs` (and `blocks`) names, as Terraform's
// AttributeByPath finds it: key steps are skipped, attribute steps descend into nested
// attributes and blocks.
const Attribute* AttributeByPath(const std::vector<Attribute>* attrs,
                                 const std::vector<NestedBlock>* blocks, const Path& path) {
  const auto& steps = path.steps();
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].kind != PathStep::Kind::kAttribute) continue;
    const Attribute* found = nullptr;
    for (const Attribute& a : *attrs) {
      if (a.name == steps[i].name) found = &a;
    }
    if (found != nullptr) {
      if (i + 1 == steps.size()) return found;
      if (found->nested == nullptr) return nullptr;
      attrs = &found->nested->attributes;
      blocks = nullptr;
      continue;
    }
    const NestedBlock* nb = nullptr;
    if (blocks != nullptr) {
      for (const NestedBlock& b : *blocks) {
        if (b.type_name == steps[i].name) nb = &b;
      }
    }
    if (nb == nullptr) return nullptr;
    attrs = &nb->block.attributes;
    blocks = &nb->block.blocks;
  }
  return nullptr;
}

// A set element with every Computed attribute nulled, to match prior elements against
// configured ones (a configured element has nulls there).
Value ComputedAsNull(const std::vector<Attribute>* attrs, const std::vector<NestedBlock>* blocks,
                     const Value& element) {
  absl::StatusOr<Value> out =
      element.Transform([&](const Path& p, const Value& v) -> absl::StatusOr<Value> {
        if (p.empty() || v.IsNull() || v.IsUnknown()) return v;
        const Attribute* a = AttributeByPath(attrs, blocks, p);
        if (a != nullptr && a->computed) return Value::NullVal(v.type());
        return v;
      });
  return out.ok() ? *std::move(out) : element;
}

// --- ProposedNew ----------------------------------------------------------------------

Value ProposedNewNestedAttributes(const NestedAttributes& nested, const Value& prior,
                                  const Value& config);

std::map<std::string, Value> ProposedNewAttributes(const std::vector<Attribute>& attrs,
                                                   const Value& prior, const Value& config) {
  std::map<std::string, Value> out;
  for (const Attribute& a : attrs) {
    Value prior_v = AttrOf(prior, a.name);
    Value config_v = AttrOf(config, a.name);
    if (a.computed && config_v.IsNull()) {
      // Not configured: the provider decides, starting from what it decided last time.
      out[a.name] = prior_v;
    } else if (a.nested != nullptr && config_v.IsKnown()) {
      out[a.name] = ProposedNewNestedAttributes(*a.nested, prior_v, config_v);
    } else {
      out[a.name] = config_v;
    }
  }
  return out;
}

Value ProposedNewNestedObject(const std::vector<Attribute>& attrs, const Value& prior,
                              const Value& config) {
  if (!config.IsKnown()) return config;
  return Value::ObjectVal(config.type(), ProposedNewAttributes(attrs, prior, config));
}

Value ProposedNewNestedAttributes(const NestedAttributes& nested, const Value& prior,
                                  const Value& config) {
  if (config.IsNull() || !config.IsKnown()) return config;
  const std::vector<Attribute>& attrs = nested.attributes;
  switch (nested.nesting) {
    case NestingMode::kSingle:
      return ProposedNewNestedObject(attrs, prior, config);
    case NestingMode::kList: {
      if (config.Length() == 0) return config;
      ValueList out;
      out.reserve(config.Length());
      for (size_t i = 0; i < config.Length(); ++i) {
        const Value& config_e = config.Index(i);
        if (prior.IsNull() || (prior.IsKnown() && i >= prior.Length())) {
          out.push_back(config_e);  // a new element: nothing to carry over
        } else {
          out.push_back(ProposedNewNestedObject(attrs, ElementOf(prior, i), config_e));
        }
      }
      return SequenceLike(config, std::move(out));
    }
    case NestingMode::kMap: {
      if (config.Length() == 0) return config;
      std::map<std::string, Value> out;
      for (const std::string& k : KeysOf(config)) {
        Value config_e = *KeyOf(config, k);
        if (prior.IsUnknown()) {
          out[k] = ProposedNewNestedObject(attrs, Value::UnknownVal(config_e.type()), config_e);
          continue;
        }
        std::optional<Value> prior_e = prior.IsNull() ? std::nullopt : KeyOf(prior, k);
        out[k] = prior_e ? ProposedNewNestedObject(attrs, *prior_e, config_e) : config_e;
      }
      return MapLike(config, std::move(out));
    }
    case NestingMode::kSet: {
      if (config.Length() == 0) return config;
      std::vector<std::pair<Value, Value>> candidates;  // prior element, its compare value
      if (prior.IsKnown() && !prior.IsNull()) {
        for (const Value& e : prior.Elements()) {
          candidates.emplace_back(e, ComputedAsNull(&attrs, nullptr, e));
        }
      }
      std::vector<bool> used(candidates.size(), false);
      ValueList out;
      for (const Value& config_e : config.Elements()) {
        std::optional<Value> match;
        for (size_t i = 0; i < candidates.size(); ++i) {
          if (!used[i] && candidates[i].second.RawEquals(config_e)) {
            used[i] = true;
            match = candidates[i].first;
            break;
          }
        }
        out.push_back(match ? ProposedNewNestedObject(attrs, *match, config_e) : config_e);
      }
      return Value::SetVal(config.type().ElementType(), std::move(out));
    }
    default:
      return config;
  }
}

Value ProposedNewObject(const Block& block, const Value& prior, const Value& config);

Value ProposedNewBlock(const NestedBlock& nb, const Value& prior, const Value& config) {
  if (!config.IsKnown()) return config;  // a dynamic block with unknown for_each
  switch (nb.nesting) {
    case NestingMode::kSingle:
      if (config.IsNull()) return config;
      return ProposedNewState(nb.block, prior, config);
    case NestingMode::kGroup:
      return ProposedNewState(nb.block, prior, config);
    case NestingMode::kList: {
      if (LengthOf(config) == 0) return config.IsNull() ? config : EmptyLike(config);
      ValueList out;
      out.reserve(config.Length());
      for (size_t i = 0; i < config.Length(); ++i) {
        const Value& config_e = config.Index(i);
        if (prior.IsNull() || (prior.IsKnown() && i >= prior.Length())) {
          out.push_back(config_e);
        } else {
          out.push_back(ProposedNewState(nb.block, ElementOf(prior, i), config_e));
        }
      }
      return SequenceLike(config, std::move(out));
    }
    case NestingMode::kMap: {
      if (LengthOf(config) == 0) return config.IsNull() ? config : EmptyLike(config);
      std::map<std::string, Value> out;
      for (const std::string& k : KeysOf(config)) {
        Value config_e = *KeyOf(config, k);
        if (prior.IsUnknown()) {
          out[k] = ProposedNewState(nb.block, Value::UnknownVal(config_e.type()), config_e);
          continue;
        }
        std::optional<Value> prior_e = prior.IsNull() ? std::nullopt : KeyOf(prior, k);
        out[k] = prior_e ? ProposedNewState(nb.block, *prior_e, config_e) : config_e;
      }
      return MapLike(config, std::move(out));
    }
    case NestingMode::kSet: {
      if (LengthOf(config) == 0) return config.IsNull() ? config : EmptyLike(config);
      // Set elements have no identity: a prior element is carried over only when its
      // non-computed values equal a configured element, so any configuration change to an
      // element makes it a new element.
      std::vector<std::pair<Value, Value>> candidates;
      if (prior.IsKnown() && !prior.IsNull()) {
        candidates.reserve(prior.Length());
        for (const Value& e : prior.Elements()) {
          candidates.emplace_back(e, ComputedAsNull(&nb.block.attributes, &nb.block.blocks, e));
        }
      }
      std::vector<bool> used(candidates.size(), false);
      ValueList out;
      out.reserve(config.Length());
      const Type& elem_type = config.type().ElementType();
      for (const Value& config_e : config.Elements()) {
        Value prior_e = Value::NullVal(elem_type);
        for (size_t i = 0; i < candidates.size(); ++i) {
          if (!used[i] && candidates[i].second.RawEquals(config_e)) {
            used[i] = true;
            prior_e = candidates[i].first;
            break;
          }
        }
        out.push_back(ProposedNewState(nb.block, prior_e, config_e));
      }
      return Value::SetVal(elem_type, std::move(out));
    }
    default:
      return config;
  }
}

Value ProposedNewObject(const Block& block, const Value& prior, const Value& config) {
  if (config.IsNull() || !config.IsKnown()) return prior;
  std::map<std::string, Value> out = ProposedNewAttributes(block.attributes, prior, config);
  for (const NestedBlock& nb : block.blocks) {
    out[nb.type_name] =
        ProposedNewBlock(nb, AttrOf(prior, nb.type_name), AttrOf(config, nb.type_name));
  }
  return Value::ObjectVal(config.type(), std::move(out));
}

// --- plan validity ----------------------------------------------------------------------

class PlanChecker {
 public:
  explicit PlanChecker(std::vector<PathProblem>& out) : out_(out) {}

  void CheckBlock(const tfsdk::Block& block, const Value& prior, const Value& config,
                  const Value& planned, const Path& path) {
    if (planned.IsNull() && !config.IsNull()) {
      Add(path, "planned to be absent, but the configuration wants it present");
      return;
    }
    if (config.IsNull() && !planned.IsNull()) {
      Add(path, "planned to be present, but the configuration wants it absent");
      return;
    }
    if (planned.IsNull()) return;
    CheckAttributes(block.attributes, prior, config, planned, path);
    for (const NestedBlock& nb : block.blocks) CheckNestedBlock(nb, prior, config, planned, path);
  }

  void CheckAttributes(const std::vector<Attribute>& attrs, const Value& prior, const Value& config,
                       const Value& planned, const Path& path) {
    for (const Attribute& a : attrs) {
      CheckAttribute(a, AttrOf(prior, a.name), AttrOf(config, a.name), AttrOf(planned, a.name),
                     path.Attr(a.name));
    }
  }

 private:
  void Add(const Path& p, std::string message) { out_.push_back({p, std::move(message)}); }

  void CheckNestedBlock(const NestedBlock& nb, const Value& prior_obj, const Value& config_obj,
                        const Value& planned_obj, const Path& parent) {
    Path path = parent.Attr(nb.type_name);
    Value planned = AttrOf(planned_obj, nb.type_name);
    Value config = AttrOf(config_obj, nb.type_name);
    Value prior = AttrOf(prior_obj, nb.type_name);
    if (nb.nesting != NestingMode::kSingle && planned.IsNull()) {
      Add(path, absl::StrCat("a ", NestingWord(nb.nesting),
                             " of nested blocks must be planned empty when there are no "
                             "blocks, not null"));
      return;
    }
    if (planned.RawEquals(config)) return;
    if (!config.IsKnown()) {
      Add(path, absl::StrCat("planned ", planned.ToString(),
                             " for a dynamic block whose configuration is unknown"));
      return;
    }
    if (!planned.IsKnown()) {
      Add(path, "planned an unknown value for a block that is not computed");
      return;
    }
    switch (nb.nesting) {
      case NestingMode::kSingle:
      case NestingMode::kGroup:
        CheckBlock(nb.block, prior, config, planned, path);
        return;
      case NestingMode::kList: {
        size_t planned_n = planned.Length();
        size_t config_n = LengthOf(config);
        if (planned_n != config_n) {
          Add(path, absl::StrCat("the plan has ", planned_n, " blocks but the configuration has ",
                                 config_n));
          return;
        }
        for (size_t i = 0; i < planned_n; ++i) {
          Path ep = path.Index(static_cast<int64_t>(i));
          const Value& planned_e = planned.Index(i);
          if (!planned_e.IsKnown()) {
            Add(ep,
                "a nested block element must not be planned unknown as a whole; plan its "
                "attributes unknown instead");
            continue;
          }
          Value prior_e = Value::NullVal(planned_e.type());
          if (prior.IsKnown() && !prior.IsNull() && i < prior.Length()) prior_e = prior.Index(i);
          CheckBlock(nb.block, prior_e, config.Index(i), planned_e, ep);
        }
        return;
      }
      case NestingMode::kMap: {
        for (const std::string& k : KeysOf(planned)) {
          Path ep = path.Key(k);
          std::optional<Value> config_e = KeyOf(config, k);
          if (!config_e) {
            Add(path, absl::StrCat("the plan has a block \"", k,
                                   "\" that the configuration does not have"));
            continue;
          }
          Value planned_e = *KeyOf(planned, k);
          if (!planned_e.IsKnown()) {
            Add(ep,
                "a nested block element must not be planned unknown as a whole; plan its "
                "attributes unknown instead");
            continue;
          }
          std::optional<Value> prior_e =
              prior.IsKnown() && !prior.IsNull() ? KeyOf(prior, k) : std::nullopt;
          CheckBlock(nb.block, prior_e ? *prior_e : Value::NullVal(planned_e.type()), *config_e,
                     planned_e, ep);
        }
        for (const std::string& k : KeysOf(config)) {
          if (!KeyOf(planned, k)) {
            Add(path, absl::StrCat("the configuration has a block \"", k,
                                   "\" that the plan does not have"));
          }
        }
        return;
      }
      case NestingMode::kSet:
        // Elements cannot be matched reliably, so only their shape is checked.
        for (const Value& planned_e : planned.Elements()) {
          if (!planned_e.IsKnown()) {
            Add(path,
                "a nested block element must not be planned unknown as a whole; plan its "
                "attributes unknown instead");
          }
        }
        return;
      default:
        return;
    }
  }

  void CheckAttribute(const Attribute& a, const Value& prior, const Value& config,
                      const Value& planned, const Path& path) {
    if (EqualUnrefined(planned, config)) return;
    // Keeping the prior value over a configured one says "these are equivalent".
    if (!prior.IsNull() && !config.IsNull() && EqualUnrefined(planned, prior)) return;
    if (a.write_only) {
      if (!planned.IsNull()) Add(path, "a write-only attribute must be planned null");
      return;
    }
    if (a.computed && !a.optional) return;      // the provider may plan anything
    if (config.IsNull() && a.computed) return;  // optional+computed left out: the provider's
    if (config.IsNull() && !planned.IsNull()) {
      Add(path, a.sensitive
                    ? std::string("planned a (sensitive) value for an attribute that is not "
                                  "computed and not configured")
                    : absl::StrCat("planned ", planned.ToString(),
                                   " for an attribute that is not computed and not configured"));
      return;
    }
    if (a.nested != nullptr) {
      CheckNestedObject(*a.nested, prior, config, planned, path);
      return;
    }
    if (a.sensitive) {
      Add(path, prior.IsNull()
                    ? "the planned (sensitive) value does not match the configuration"
                    : "the planned (sensitive) value matches neither the configuration nor the "
                      "prior state");
      return;
    }
    if (prior.IsNull()) {
      Add(path, absl::StrCat("planned ", planned.ToString(), " but the configuration says ",
                             config.ToString()));
    } else {
      Add(path, absl::StrCat("planned ", planned.ToString(), " but the configuration says ",
                             config.ToString(), " and the prior state says ", prior.ToString()));
    }
  }

  void CheckNestedObject(const NestedAttributes& nested, const Value& prior, const Value& config,
                         const Value& planned, const Path& path) {
    if (planned.IsNull() && !config.IsNull()) {
      Add(path, "planned to be absent, but the configuration wants it present");
      return;
    }
    if (config.IsNull() && !planned.IsNull()) {
      Add(path, "planned to be present, but the configuration wants it absent");
      return;
    }
    if (!config.IsNull() && !planned.IsKnown()) {
      Add(path, "planned an unknown value for a configured nested attribute");
      return;
    }
    if (planned.IsNull()) return;
    const std::vector<Attribute>& attrs = nested.attributes;
    switch (nested.nesting) {
      case NestingMode::kSingle:
        CheckAttributes(attrs, prior, config, planned, path);
        return;
      case NestingMode::kList: {
        if (!config.IsKnown() || planned.Length() != config.Length()) {
          Add(path, absl::StrCat("the plan has ", planned.Length(),
                                 " elements but the configuration has ",
                                 config.IsKnown() ? std::to_string(config.Length())
                                                  : std::string("an unknown number")));
          return;
        }
        for (size_t i = 0; i < planned.Length(); ++i) {
          const Value& planned_e = planned.Index(i);
          Value prior_e = Value::NullVal(planned_e.type());
          if (prior.IsKnown() && !prior.IsNull() && i < prior.Length()) prior_e = prior.Index(i);
          CheckAttributes(attrs, prior_e, config.Index(i), planned_e,
                          path.Index(static_cast<int64_t>(i)));
        }
        return;
      }
      case NestingMode::kMap: {
        if (!config.IsKnown() || planned.Length() != config.Length()) {
          Add(path, absl::StrCat("the plan has ", planned.Length(),
                                 " elements but the configuration has ",
                                 config.IsKnown() ? std::to_string(config.Length())
                                                  : std::string("an unknown number")));
          return;
        }
        for (const std::string& k : KeysOf(planned)) {
          std::optional<Value> config_e = KeyOf(config, k);
          if (!config_e) {
            Add(path, absl::StrCat("the plan has a key \"", k,
                                   "\" that the configuration does not have"));
            continue;
          }
          Value planned_e = *KeyOf(planned, k);
          std::optional<Value> prior_e =
              prior.IsKnown() && !prior.IsNull() ? KeyOf(prior, k) : std::nullopt;
          CheckAttributes(attrs, prior_e ? *prior_e : Value::NullVal(planned_e.type()), *config_e,
                          planned_e, path.Key(k));
        }
        for (const std::string& k : KeysOf(config)) {
          if (!KeyOf(planned, k)) {
            Add(path, absl::StrCat("the configuration has a key \"", k,
                                   "\" that the plan does not have"));
          }
        }
        return;
      }
      case NestingMode::kSet:
        // Elements that are not wholly known may still merge, so only compare counts of
        // wholly known sets.
        if (config.IsWhollyKnown() && planned.IsWhollyKnown() &&
            planned.Length() != config.Length()) {
          Add(path, absl::StrCat("the plan has ", planned.Length(),
                                 " elements but the configuration has ", config.Length()));
        }
        return;
      default:
        return;
    }
  }

  std::vector<PathProblem>& out_;
};

// --- compatibility of a result with its plan -----------------------------------------

bool RefinementsAllow(const Refinements& r, const Value& actual) {
  if (actual.IsNull()) return !r.not_null;
  if (!actual.IsKnown()) return true;
  const Type& t = actual.type();
  if (r.string_prefix && t.kind() == TypeKind::kString &&
      actual.AsString().compare(0, r.string_prefix->size(), *r.string_prefix) != 0) {
    return false;
  }
  if (t.kind() == TypeKind::kNumber) {
    const Number& n = actual.AsNumber();
    if (r.number_lower && (r.number_lower_inclusive ? n < *r.number_lower : n <= *r.number_lower)) {
      return false;
    }
    if (r.number_upper && (r.number_upper_inclusive ? n > *r.number_upper : n >= *r.number_upper)) {
      return false;
    }
  }
  if (t.IsCollection()) {
    auto n = static_cast<int64_t>(actual.Length());
    if (r.length_lower && n < *r.length_lower) return false;
    if (r.length_upper && n > *r.length_upper) return false;
  }
  return true;
}

class CompatChecker {
 public:
  explicit CompatChecker(std::vector<PathProblem>& out) : out_(out) {}

  void CheckObject(const tfsdk::Block& block, const Value& planned, const Value& actual,
                   const Path& path) {
    if (planned.IsNull() && !actual.IsNull()) {
      Add(path, path.empty() ? "the object was planned absent, but is now present"
                             : "was planned absent, but is now present");
      return;
    }
    if (actual.IsNull() && !planned.IsNull()) {
      Add(path, path.empty() ? "the object was planned present, but is now absent"
                             : "was planned present, but is now absent");
      return;
    }
    if (planned.IsNull()) return;
    for (const Attribute& a : block.attributes) {
      Path ap = path.Attr(a.name);
      std::vector<PathProblem> found;
      CompatChecker(found).CheckValue(AttrOf(planned, a.name), AttrOf(actual, a.name), ap);
      if (found.empty()) continue;
      if (a.sensitive) {
        Add(ap, "the (sensitive) value changed from what was planned");
      } else {
        for (PathProblem& p : found) out_.push_back(std::move(p));
      }
    }
    for (const NestedBlock& nb : block.blocks) {
      CheckBlock(nb, AttrOf(planned, nb.type_name), AttrOf(actual, nb.type_name),
                 path.Attr(nb.type_name));
    }
  }

  void CheckValue(const tfsdk::Value& planned, const tfsdk::Value& actual, const Path& path) {
    if (planned.type().IsDynamic()) return;  // anything goes
    if (!actual.CheckConforms(planned.type()).ok()) {
      Add(path, absl::StrCat("the result is a ", actual.type().FriendlyName(),
                             " but the plan said ", planned.type().FriendlyName()));
      return;
    }
    if (planned.IsUnknown()) {
      if (!RefinementsAllow(planned.refinements(), actual)) {
        Add(path, absl::StrCat("the result ", actual.ToString(),
                               " is outside what the plan promised for this unknown value"));
      }
      return;
    }
    if (actual.IsNull()) {
      if (!planned.IsNull()) {
        Add(path, absl::StrCat("was planned as ", planned.ToString(), ", but is now null"));
      }
      return;
    }
    if (planned.IsNull()) {
      Add(path, absl::StrCat("was planned as null, but is now ", actual.ToString()));
      return;
    }
    if (!actual.IsKnown()) {
      Add(path, "was planned as a known value, but is now unknown");
      return;
    }
    const Type& t = planned.type();
    if (t.IsPrimitive()) {
      if (!planned.RawEquals(actual)) {
        Add(path, absl::StrCat("was planned as ", planned.ToString(), ", but is now ",
                               actual.ToString()));
      }
      return;
    }
    if (t.IsList() || t.IsTuple()) {
      for (size_t i = 0; i < planned.Length(); ++i) {
        Path ep = path.Index(static_cast<int64_t>(i));
        if (i >= actual.Length()) {
          Add(path, absl::StrCat("element ", i, " has vanished"));
          continue;
        }
        CheckValue(planned.Index(i), actual.Index(i), ep);
      }
      for (size_t i = planned.Length(); i < actual.Length(); ++i) {
        Add(path, absl::StrCat("a new element ", i, " has appeared"));
      }
      return;
    }
    if (t.IsMap()) {
      for (const auto& [k, pv] : planned.MapElements()) {
        const tfsdk::Value* av = actual.FindKey(k);
        if (av == nullptr) {
          Add(path, absl::StrCat("element \"", k, "\" has vanished"));
          continue;
        }
        CheckValue(pv, *av, path.Key(k));
      }
      for (const auto& [k, av] : actual.MapElements()) {
        if (planned.FindKey(k) == nullptr) {
          Add(path, absl::StrCat("a new element \"", k, "\" has appeared"));
        }
      }
      return;
    }
    if (t.IsObject()) {
      for (const auto& [name, at] : t.AttributeTypes()) {
        CheckValue(planned.GetAttr(name), actual.GetAttr(name), path.Attr(name));
      }
      return;
    }
    if (t.IsSet()) {
      CheckSet(planned, actual, path, [](const tfsdk::Value& p, const tfsdk::Value& a) {
        std::vector<PathProblem> found;
        CompatChecker(found).CheckValue(p, a, Path());
        return found.empty();
      });
      if (planned.Length() < actual.Length()) {
        Add(path, absl::StrCat("the set grew from ", planned.Length(), " to ", actual.Length(),
                               " elements"));
      }
    }
  }

 private:
  void Add(const Path& p, std::string message) { out_.push_back({p, std::move(message)}); }

  void CheckBlock(const NestedBlock& nb, const tfsdk::Value& planned, const tfsdk::Value& actual,
                  const Path& path) {
    switch (nb.nesting) {
      case NestingMode::kSingle:
      case NestingMode::kGroup:
        if (!planned.IsKnown() && actual.IsNull()) return;
        if (planned.IsUnknown()) {
          CheckValue(planned, actual, path);
          return;
        }
        CheckObject(nb.block, planned, actual, path);
        return;
      case NestingMode::kList: {
        if (!planned.IsKnown() || !actual.IsKnown() || planned.IsNull() || actual.IsNull()) {
          return;
        }
        if (planned.Length() != actual.Length()) {
          Add(path, absl::StrCat("the number of blocks changed from ", planned.Length(), " to ",
                                 actual.Length()));
          return;
        }
        for (size_t i = 0; i < planned.Length(); ++i) {
          CheckObject(nb.block, planned.Index(i), actual.Index(i),
                      path.Index(static_cast<int64_t>(i)));
        }
        return;
      }
      case NestingMode::kMap: {
        if (!planned.IsKnown() || planned.IsNull() || !actual.IsKnown() || actual.IsNull()) {
          return;
        }
        for (const std::string& k : KeysOf(planned)) {
          std::optional<tfsdk::Value> av = KeyOf(actual, k);
          if (!av) {
            Add(path, absl::StrCat("block \"", k, "\" has vanished"));
            continue;
          }
          CheckObject(nb.block, *KeyOf(planned, k), *av, path.Key(k));
        }
        for (const std::string& k : KeysOf(actual)) {
          if (!KeyOf(planned, k)) Add(path, absl::StrCat("a new block \"", k, "\" has appeared"));
        }
        return;
      }
      case NestingMode::kSet: {
        if (!planned.IsKnown() || !actual.IsKnown() || planned.IsNull() || actual.IsNull()) {
          return;
        }
        const tfsdk::Block& inner = nb.block;
        CheckSet(planned, actual, path, [&inner](const tfsdk::Value& p, const tfsdk::Value& a) {
          std::vector<PathProblem> found;
          CompatChecker(found).CheckObject(inner, p, a, Path());
          return found.empty();
        });
        if (planned.Length() < actual.Length()) {
          Add(path, absl::StrCat("the number of blocks grew from ", planned.Length(), " to ",
                                 actual.Length()));
        }
        return;
      }
      default:
        return;
    }
  }

  // Every planned element must correspond to some actual element and vice versa (elements
  // with unknowns may merge once known, so counts alone prove nothing).
  template <class Fn>
  void CheckSet(const tfsdk::Value& planned, const tfsdk::Value& actual, const Path& path,
                const Fn& compatible) {
    if (planned.RawEquals(actual)) return;
    const ValueList& ps = planned.Elements();
    const ValueList& as = actual.Elements();
    std::vector<bool> p_ok(ps.size(), false), a_ok(as.size(), false);
    // Identical elements correspond; only the rest need the pairwise check.
    for (size_t i = 0; i < ps.size(); ++i) {
      if (!ps[i].IsWhollyKnown()) continue;
      for (size_t j = 0; j < as.size(); ++j) {
        if (!a_ok[j] && ps[i].RawEquals(as[j])) {
          p_ok[i] = a_ok[j] = true;
          break;
        }
      }
    }
    for (size_t i = 0; i < ps.size(); ++i) {
      for (size_t j = 0; j < as.size(); ++j) {
        if (p_ok[i] && a_ok[j]) continue;
        if (compatible(ps[i], as[j])) p_ok[i] = a_ok[j] = true;
      }
    }
    bool reported = false;
    for (size_t i = 0; i < ps.size(); ++i) {
      if (!p_ok[i]) {
        Add(path, absl::StrCat("the planned element ", ps[i].ToString(),
                               " has no counterpart in the result"));
        reported = true;
      }
    }
    if (reported) return;
    for (size_t j = 0; j < as.size(); ++j) {
      if (!a_ok[j]) {
        Add(path, absl::StrCat("the element ", as[j].ToString(),
                               " in the result has no counterpart in the plan"));
      }
    }
  }

  std::vector<PathProblem>& out_;
};

// --- configuration checks ------------------------------------------------------------

class ConfigChecker {
 public:
  explicit ConfigChecker(std::vector<PathProblem>& out) : out_(out) {}

  void CheckObject(const std::vector<Attribute>& attrs, const std::vector<NestedBlock>* blocks,
                   const tfsdk::Value& obj, const Path& path) {
    if (!obj.IsKnown()) return;
    for (const Attribute& a : attrs) {
      const tfsdk::Value& v = obj.GetAttr(a.name);
      Path ap = path.Attr(a.name);
      if (a.required && v.IsNull()) {
        Add(ap, "Missing required argument",
            absl::StrCat("The argument \"", a.name,
                         "\" is required, but no definition was found."));
        continue;
      }
      if (a.computed && !a.optional && !a.required && !v.IsNull()) {
        Add(ap, "Value for unconfigurable attribute",
            absl::StrCat("\"", a.name,
                         "\" is computed by the provider and cannot be set in the configuration."));
        continue;
      }
      if (a.nested != nullptr && v.IsKnown()) CheckNested(*a.nested, v, ap);
    }
    if (blocks == nullptr) return;
    for (const NestedBlock& nb : *blocks) {
      const tfsdk::Value& v = obj.GetAttr(nb.type_name);
      Path bp = path.Attr(nb.type_name);
      if (!v.IsKnown()) continue;
      size_t n = 0;
      switch (nb.nesting) {
        case NestingMode::kSingle:
          n = v.IsNull() ? 0 : 1;
          if (!v.IsNull()) CheckObject(nb.block.attributes, &nb.block.blocks, v, bp);
          break;
        case NestingMode::kGroup:
          CheckObject(nb.block.attributes, &nb.block.blocks, v, bp);
          continue;
        case NestingMode::kList:
        case NestingMode::kSet:
        case NestingMode::kMap:
          if (v.IsNull()) break;
          n = v.Length();
          for (size_t i = 0; i < n; ++i) {
            const tfsdk::Value& e = nb.nesting == NestingMode::kMap && v.type().IsMap()
                                        ? v.MapElements()[i].second
                                        : v.Elements()[i];
            Path ep = nb.nesting == NestingMode::kSet ? bp
                      : nb.nesting == NestingMode::kList
                          ? bp.Index(static_cast<int64_t>(i))
                          : bp.Key(v.type().IsMap() ? v.MapElements()[i].first
                                                    : v.type().AttributeTypes()[i].first);
            CheckObject(nb.block.attributes, &nb.block.blocks, e, ep);
          }
          break;
        default:
          break;
      }
      if (nb.min_items > 0 && static_cast<int64_t>(n) < nb.min_items) {
        Add(bp, absl::StrCat("Insufficient ", nb.type_name, " blocks"),
            absl::StrCat("At least ", nb.min_items, " \"", nb.type_name, "\" block",
                         nb.min_items == 1 ? " is" : "s are", " required."));
      }
      if (nb.max_items > 0 && static_cast<int64_t>(n) > nb.max_items) {
        Add(bp, absl::StrCat("Too many ", nb.type_name, " blocks"),
            absl::StrCat("No more than ", nb.max_items, " \"", nb.type_name, "\" block",
                         nb.max_items == 1 ? " is" : "s are", " allowed."));
      }
    }
  }

 private:
  void Add(const Path& p, std::string summary, std::string detail) {
    out_.push_back({p, std::move(detail), std::move(summary)});
  }

  void CheckNested(const NestedAttributes& nested, const tfsdk::Value& v, const Path& path) {
    switch (nested.nesting) {
      case NestingMode::kSingle:
        CheckObject(nested.attributes, nullptr, v, path);
        return;
      case NestingMode::kList:
      case NestingMode::kSet:
        for (size_t i = 0; i < v.Length(); ++i) {
          CheckObject(
              nested.attributes, nullptr, v.Elements()[i],
              nested.nesting == NestingMode::kSet ? path : path.Index(static_cast<int64_t>(i)));
        }
        return;
      case NestingMode::kMap:
        if (v.type().IsMap()) {
          for (const auto& [k, e] : v.MapElements()) {
            CheckObject(nested.attributes, nullptr, e, path.Key(k));
          }
        } else {
          for (size_t i = 0; i < v.Length(); ++i) {
            CheckObject(nested.attributes, nullptr, v.Elements()[i],
                        path.Key(v.type().AttributeTypes()[i].first));
          }
        }
        return;
      default:
        return;
    }
  }

  std::vector<PathProblem>& out_;
};

// Fills empty block collections; `v` is a value of the nested block's attribute.
Value FillBlockValue(const NestedBlock& nb, const Value& v) {
  const Type& t = v.type();
  if (v.IsNull()) {
    switch (nb.nesting) {
      case NestingMode::kList:
        if (t.IsList()) return Value::ListVal(t.ElementType(), {});
        if (t.IsTuple() || t.IsDynamic()) return Value::TupleVal({});
        return v;
      case NestingMode::kSet:
        return t.IsSet() ? Value::SetVal(t.ElementType(), {}) : v;
      case NestingMode::kMap:
        if (t.IsMap()) return Value::MapVal(t.ElementType(), {});
        if (t.IsObject() || t.IsDynamic()) return Value::ObjectVal({});
        return v;
      case NestingMode::kGroup:
        return EmptyBlockValue(nb.block);
      default:
        return v;
    }
  }
  if (!v.IsKnown()) return v;
  switch (nb.nesting) {
    case NestingMode::kSingle:
    case NestingMode::kGroup:
      return FillEmptyBlocks(nb.block, v);
    case NestingMode::kList:
    case NestingMode::kSet: {
      ValueList out;
      out.reserve(v.Length());
      for (const Value& e : v.Elements()) out.push_back(FillEmptyBlocks(nb.block, e));
      if (t.IsSet()) return Value::SetVal(t.ElementType(), std::move(out));
      return SequenceLike(v, std::move(out));
    }
    case NestingMode::kMap: {
      std::map<std::string, Value> out;
      for (const std::string& k : KeysOf(v)) out[k] = FillEmptyBlocks(nb.block, *KeyOf(v, k));
      return MapLike(v, std::move(out));
    }
    default:
      return v;
  }
}

}  // namespace

Block SchemaBlock(const Schema& schema) {
  Block b;
  b.description = schema.description;
  b.description_kind = schema.description_kind;
  b.attributes = schema.attributes;
  b.blocks = schema.blocks;
  b.deprecated = schema.deprecated;
  b.deprecation_message = schema.deprecation_message;
  return b;
}

Value EmptyBlockValue(const Block& block) {
  Type type = block.ImpliedType();
  std::map<std::string, Value> attrs;
  for (const NestedBlock& nb : block.blocks) {
    attrs[nb.type_name] = FillBlockValue(nb, Value::NullVal(type.AttributeType(nb.type_name)));
  }
  return Value::ObjectVal(type, std::move(attrs));
}

Value FillEmptyBlocks(const Block& block, const Value& object) {
  if (!object.IsKnown() || block.blocks.empty() || !object.type().IsObject()) return object;
  std::map<std::string, Value> attrs;
  for (const auto& [name, t] : object.type().AttributeTypes()) attrs[name] = object.GetAttr(name);
  for (const NestedBlock& nb : block.blocks) {
    auto it = attrs.find(nb.type_name);
    if (it != attrs.end()) it->second = FillBlockValue(nb, it->second);
  }
  return Value::ObjectVal(object.type(), std::move(attrs));
}

Value ProposedNewState(const Block& block, const Value& prior, const Value& config) {
  if (config.IsNull() && prior.IsNull()) return prior;
  // Without a prior object, start from what an empty configuration body decodes to.
  return ProposedNewObject(block, prior.IsNull() ? EmptyBlockValue(block) : prior, config);
}

Value PlannedDataSourceState(const Block& block, const Value& config) {
  if (config.IsNull()) return config;
  return ProposedNewObject(block, Value::UnknownVal(config.type()), config);
}

std::vector<PathProblem> CheckPlanValid(const Block& block, const Value& prior, const Value& config,
                                        const Value& planned) {
  std::vector<PathProblem> out;
  PlanChecker(out).CheckBlock(block, prior, config, planned, Path());
  return out;
}

std::vector<PathProblem> CheckCompatible(const Block& block, const Value& planned,
                                         const Value& actual) {
  std::vector<PathProblem> out;
  CompatChecker(out).CheckObject(block, planned, actual, Path());
  return out;
}

std::vector<PathProblem> CheckConfig(const Block& block, const Value& config) {
  std::vector<PathProblem> out;
  if (config.IsKnown())
    ConfigChecker(out).CheckObject(block.attributes, &block.blocks, config, Path());
  return out;
}

}  // namespace tfsdk::internal
