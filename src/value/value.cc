// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/value.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "src/value/value_internal.h"

namespace tfsdk {

namespace {

size_t Mix(size_t seed, size_t v) {
  return seed ^ (v + 0x9e3779b97f4a7c15ULL + (seed << 12) + (seed >> 4));
}

// Whether a null or unknown value of type `have` may stand where `want` is expected.
bool TypeConforms(const Type& have, const Type& want) {
  if (want.IsDynamic() || have.IsDynamic()) return true;
  if (have.kind() != want.kind()) return false;
  switch (want.kind()) {
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kMap:
      return TypeConforms(have.ElementType(), want.ElementType());
    case TypeKind::kObject: {
      const auto& a = have.AttributeTypes();
      const auto& b = want.AttributeTypes();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].first != b[i].first || !TypeConforms(a[i].second, b[i].second)) return false;
      }
      return true;
    }
    case TypeKind::kTuple: {
      const auto& a = have.TupleElementTypes();
      const auto& b = want.TupleElementTypes();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!TypeConforms(a[i], b[i])) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

absl::Status ConformsAt(const Value& v, const Type& want, Path& path) {
  auto mismatch = [&](std::string_view what) {
    std::string where = path.empty() ? std::string() : absl::StrCat(path.ToString(), ": ");
    return absl::InvalidArgumentError(absl::StrCat(where, std::string(what)));
  };
  if (want.IsDynamic()) return absl::OkStatus();
  if (!v.IsKnown()) {
    if (TypeConforms(v.type(), want)) return absl::OkStatus();
    return mismatch(absl::StrCat(want.FriendlyName(), " required, got ", v.type().FriendlyName()));
  }
  if (v.type().kind() != want.kind()) {
    return mismatch(absl::StrCat(want.FriendlyName(), " required, got ", v.type().FriendlyName()));
  }
  switch (want.kind()) {
    case TypeKind::kList:
    case TypeKind::kSet: {
      const auto& elems = v.Elements();
      for (size_t i = 0; i < elems.size(); ++i) {
        path = path.Index(static_cast<int64_t>(i));
        absl::Status s = ConformsAt(elems[i], want.ElementType(), path);
        path = path.Parent();
        if (!s.ok()) return s;
      }
      return absl::OkStatus();
    }
    case TypeKind::kMap: {
      for (const auto& [k, e] : v.MapElements()) {
        path = path.Key(k);
        absl::Status s = ConformsAt(e, want.ElementType(), path);
        path = path.Parent();
        if (!s.ok()) return s;
      }
      return absl::OkStatus();
    }
    case TypeKind::kObject: {
      const auto& have_attrs = v.type().AttributeTypes();
      const auto& want_attrs = want.AttributeTypes();
      for (const auto& [name, t] : want_attrs) {
        if (v.type().AttributeIndex(name) < 0) {
          return mismatch(absl::StrCat("attribute \"", name, "\" is required"));
        }
      }
      const auto& elems = v.Elements();
      for (size_t i = 0; i < have_attrs.size(); ++i) {
        int wi = want.AttributeIndex(have_attrs[i].first);
        if (wi < 0) {
          return mismatch(absl::StrCat("unsupported attribute \"", have_attrs[i].first, "\""));
        }
        path = path.Attr(have_attrs[i].first);
        absl::Status s = ConformsAt(elems[i], want_attrs[wi].second, path);
        path = path.Parent();
        if (!s.ok()) return s;
      }
      return absl::OkStatus();
    }
    case TypeKind::kTuple: {
      const auto& elems = v.Elements();
      const auto& types = want.TupleElementTypes();
      if (elems.size() != types.size()) {
        return mismatch(absl::StrCat("tuple of ", types.size(), " elements required, got ",
                                     elems.size()));
      }
      for (size_t i = 0; i < elems.size(); ++i) {
        path = path.Index(static_cast<int64_t>(i));
        absl::Status s = ConformsAt(elems[i], types[i], path);
        path = path.Parent();
        if (!s.ok()) return s;
      }
      return absl::OkStatus();
    }
    default:
      return absl::OkStatus();
  }
}

void CheckElements(const ValueList& elements, const Type& element_type, const char* what) {
  for (size_t i = 0; i < elements.size(); ++i) {
    absl::Status s = elements[i].CheckConforms(element_type);
    if (!s.ok()) {
      throw std::invalid_argument(
          absl::StrCat(what, " element ", i, ": ", s.message()));
    }
  }
}

void CheckRefinements(const Type& type, const Refinements& r) {
  if (r.empty()) return;
  if (type.IsDynamic()) {
    throw std::invalid_argument("an unknown value of dynamic type cannot have refinements");
  }
  if (r.string_prefix && type.kind() != TypeKind::kString) {
    throw std::invalid_argument("string prefix refinement on " + type.FriendlyName());
  }
  if ((r.number_lower || r.number_upper) && type.kind() != TypeKind::kNumber) {
    throw std::invalid_argument("number bound refinement on " + type.FriendlyName());
  }
  if ((r.length_lower || r.length_upper) && !type.IsCollection()) {
    throw std::invalid_argument("length refinement on " + type.FriendlyName());
  }
}

// Raw equality of two set element lists (each possibly containing duplicates of
// not-wholly-known elements): a multiset comparison in expected O(n).
bool SetElementsEqual(const ValueList& a, const ValueList& b) {
  if (a.size() != b.size()) return false;
  if (a.size() <= 8) {
    std::vector<bool> used(b.size(), false);
    for (const auto& x : a) {
      bool found = false;
      for (size_t j = 0; j < b.size(); ++j) {
        if (!used[j] && x.RawEquals(b[j])) {
          used[j] = true;
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
  std::unordered_multimap<size_t, size_t> index;
  index.reserve(b.size());
  for (size_t j = 0; j < b.size(); ++j) index.emplace(b[j].Hash(), j);
  std::vector<bool> used(b.size(), false);
  for (const auto& x : a) {
    auto [lo, hi] = index.equal_range(x.Hash());
    bool found = false;
    for (auto it = lo; it != hi; ++it) {
      if (!used[it->second] && x.RawEquals(b[it->second])) {
        used[it->second] = true;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

void Render(const Value& v, std::string& out);

}  // namespace

// --- internal ------------------------------------------------------------------------

Value internal::ValueAccess::KnownSet(Type type, ValueList elements) {
  if (elements.size() > 1) {
    ValueList unique;
    unique.reserve(elements.size());
    std::unordered_multimap<size_t, size_t> seen;  // hash -> index in `unique`
    seen.reserve(elements.size());
    for (auto& e : elements) {
      if (!e.IsWhollyKnown()) {
        unique.push_back(std::move(e));
        continue;
      }
      size_t h = e.Hash();
      auto [lo, hi] = seen.equal_range(h);
      bool dup = false;
      for (auto it = lo; it != hi; ++it) {
        if (unique[it->second].RawEquals(e)) {
          dup = true;
          break;
        }
      }
      if (!dup) {
        seen.emplace(h, unique.size());
        unique.push_back(std::move(e));
      }
    }
    elements = std::move(unique);
  }
  return KnownSequence(std::move(type), std::move(elements));
}

// --- representation ------------------------------------------------------------------

static_assert(sizeof(void*) != 8 || sizeof(Value) == 48,
              "a Value is a one-byte tag and a 40-byte payload (Number is the largest)");

Value::Value() : rep_(Rep::kNull) { new (&u_.absent) Absent(); }

void Value::ResetToNull() noexcept {
  Destroy();
  rep_ = Rep::kNull;
  new (&u_.absent) Absent();
}

namespace {

// Freeing a large decoded tree is bound by memory latency: every element's node, element
// buffer and long string is a cache miss. So while destroying element i, the memory of
// element i + kPrefetchDistance is requested, and the buffer of element i + 2 (whose node
// was requested two steps earlier).
constexpr size_t kPrefetchDistance = 4;

inline void PrefetchAddress(const void* p) {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

}  // namespace

void Value::Prefetch(const Value& v, bool contents) {
  switch (v.rep_) {
    case Rep::kString:
      if (!contents) PrefetchAddress(v.u_.string.data());
      break;
    case Rep::kList:
      if (contents) {
        const Value* data = static_cast<const ListNode*>(v.u_.node)->elements.data();
        PrefetchAddress(data);
        PrefetchAddress(reinterpret_cast<const char*>(data) + 64);
      } else {
        PrefetchAddress(v.u_.node);
      }
      break;
    default:
      break;
  }
}

void Value::DeleteNode() noexcept {
  if (rep_ == Rep::kList) {
    auto* node = static_cast<ListNode*>(u_.node);
    Value* e = node->elements.data();
    const size_t n = node->elements.size();
    for (size_t i = 0; i < n; ++i) {
      if (i + kPrefetchDistance < n) Prefetch(e[i + kPrefetchDistance], false);
      if (i + 2 < n) Prefetch(e[i + 2], true);
      e[i].Destroy();
      e[i].rep_ = Rep::kBool;  // nothing left for the vector's destructor to do
    }
    delete node;
  } else {
    delete static_cast<MapNode*>(u_.node);
  }
}

const Type& Value::PrimitiveType(Rep rep) {
  static const Type* const types = new Type[3]{Type::Bool(), Type::Number(), Type::String()};
  return types[static_cast<int>(rep) - static_cast<int>(Rep::kBool)];
}

// --- construction --------------------------------------------------------------------

Value Value::NullVal(Type type) {
  Value v(Rep::kNull);
  new (&v.u_.absent) Absent{std::move(type), nullptr};
  return v;
}

Value Value::UnknownVal(Type type, Refinements refinements) {
  CheckRefinements(type, refinements);
  std::shared_ptr<const Refinements> r;
  if (!refinements.empty()) r = std::make_shared<const Refinements>(std::move(refinements));
  Value v(Rep::kUnknown);
  new (&v.u_.absent) Absent{std::move(type), std::move(r)};
  return v;
}

Value Value::BoolVal(bool b) { return internal::ValueAccess::KnownBool(b); }
Value Value::NumberVal(Number n) { return internal::ValueAccess::KnownNumber(std::move(n)); }
Value Value::StringVal(std::string s) { return internal::ValueAccess::KnownString(std::move(s)); }

Value Value::ListVal(Type element_type, ValueList elements) {
  CheckElements(elements, element_type, "list");
  return internal::ValueAccess::KnownSequence(Type::List(std::move(element_type)),
                                              std::move(elements));
}

Value Value::SetVal(Type element_type, ValueList elements) {
  CheckElements(elements, element_type, "set");
  return internal::ValueAccess::KnownSet(Type::Set(std::move(element_type)), std::move(elements));
}

Value Value::MapVal(Type element_type, std::map<std::string, Value> elements) {
  ValueMap sorted;
  sorted.reserve(elements.size());
  for (auto& [k, v] : elements) {
    absl::Status s = v.CheckConforms(element_type);
    if (!s.ok()) throw std::invalid_argument(absl::StrCat("map element \"", k, "\": ", s.message()));
    sorted.emplace_back(k, std::move(v));
  }
  return internal::ValueAccess::KnownMap(Type::Map(std::move(element_type)), std::move(sorted));
}

Value Value::ObjectVal(std::map<std::string, Value> attributes) {
  std::map<std::string, Type> types;
  ValueList elems;
  elems.reserve(attributes.size());
  for (auto& [k, v] : attributes) {
    types.emplace(k, v.type());
    elems.push_back(std::move(v));
  }
  return internal::ValueAccess::KnownSequence(Type::Object(std::move(types)), std::move(elems));
}

Value Value::ObjectVal(const Type& type, std::map<std::string, Value> attributes) {
  if (!type.IsObject()) {
    throw std::invalid_argument("ObjectVal needs an object type, got " + type.FriendlyName());
  }
  for (const auto& [k, v] : attributes) {
    if (!type.HasAttribute(k)) {
      throw std::invalid_argument(absl::StrCat("object has no attribute \"", k, "\""));
    }
  }
  ValueList elems;
  elems.reserve(type.AttributeTypes().size());
  for (const auto& [name, t] : type.AttributeTypes()) {
    auto it = attributes.find(name);
    if (it == attributes.end()) {
      elems.push_back(NullVal(t));
      continue;
    }
    absl::Status s = it->second.CheckConforms(t);
    if (!s.ok()) {
      throw std::invalid_argument(absl::StrCat("attribute \"", std::string(name), "\": ", s.message()));
    }
    elems.push_back(std::move(it->second));
  }
  return internal::ValueAccess::KnownSequence(type, std::move(elems));
}

Value Value::TupleVal(ValueList elements) {
  std::vector<Type> types;
  types.reserve(elements.size());
  for (const auto& e : elements) types.push_back(e.type());
  return internal::ValueAccess::KnownSequence(Type::Tuple(std::move(types)), std::move(elements));
}

// --- state ---------------------------------------------------------------------------

bool Value::IsWhollyKnown() const {
  if (rep_ == Rep::kUnknown) return false;
  if (const ValueList* list = internal::ValueAccess::List(*this)) {
    for (const auto& e : *list) {
      if (!e.IsWhollyKnown()) return false;
    }
  } else if (const ValueMap* map = internal::ValueAccess::Map(*this)) {
    for (const auto& [k, e] : *map) {
      if (!e.IsWhollyKnown()) return false;
    }
  }
  return true;
}

bool Value::ContainsNull() const {
  if (rep_ == Rep::kNull) return true;
  if (const ValueList* list = internal::ValueAccess::List(*this)) {
    for (const auto& e : *list) {
      if (e.ContainsNull()) return true;
    }
  } else if (const ValueMap* map = internal::ValueAccess::Map(*this)) {
    for (const auto& [k, e] : *map) {
      if (e.ContainsNull()) return true;
    }
  }
  return false;
}

const Refinements& Value::refinements() const {
  static const auto* none = new Refinements();
  if (rep_ == Rep::kUnknown && u_.absent.refinements) return *u_.absent.refinements;
  return *none;
}

// --- primitives ----------------------------------------------------------------------

namespace {
[[noreturn]] void WrongAccess(const Value& v, const char* what) {
  std::string state = v.IsNull() ? "null " : v.IsUnknown() ? "unknown " : "";
  throw std::logic_error(
      absl::StrCat(what, " called on a ", state, "value of type ", v.type().FriendlyName()));
}
}  // namespace

bool Value::AsBool() const {
  if (rep_ == Rep::kBool) return u_.boolean;
  WrongAccess(*this, "AsBool");
}

const Number& Value::AsNumber() const {
  if (rep_ == Rep::kNumber) return u_.number;
  WrongAccess(*this, "AsNumber");
}

const std::string& Value::AsString() const {
  if (rep_ == Rep::kString) return u_.string;
  WrongAccess(*this, "AsString");
}

// --- collections ---------------------------------------------------------------------

size_t Value::Length() const {
  if (const ValueList* list = internal::ValueAccess::List(*this)) return list->size();
  if (const ValueMap* map = internal::ValueAccess::Map(*this)) return map->size();
  WrongAccess(*this, "Length");
}

const ValueList& Value::Elements() const {
  if (const ValueList* list = internal::ValueAccess::List(*this)) return *list;
  WrongAccess(*this, "Elements");
}

const ValueMap& Value::MapElements() const {
  if (const ValueMap* map = internal::ValueAccess::Map(*this)) return *map;
  WrongAccess(*this, "MapElements");
}

const Value* Value::FindAttr(std::string_view name) const {
  const Type& t = type();
  if (!IsKnown() || !t.IsObject()) return nullptr;
  int i = t.AttributeIndex(name);
  if (i < 0) return nullptr;
  return &Elements()[i];
}

const Value& Value::GetAttr(std::string_view name) const {
  const Type& t = type();
  if (!IsKnown() || !t.IsObject()) WrongAccess(*this, "GetAttr");
  int i = t.AttributeIndex(name);
  if (i < 0) {
    throw std::out_of_range(absl::StrCat("object has no attribute \"", std::string(name), "\""));
  }
  return Elements()[i];
}

const Value* Value::FindKey(std::string_view key) const {
  if (!IsKnown() || !type().IsMap()) return nullptr;
  const auto& m = MapElements();
  auto it = std::lower_bound(m.begin(), m.end(), key,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  if (it == m.end() || it->first != key) return nullptr;
  return &it->second;
}

const Value& Value::Index(size_t i) const {
  const auto& elems = Elements();
  if (i >= elems.size()) {
    throw std::out_of_range(absl::StrCat("index ", i, " out of range (length ", elems.size(), ")"));
  }
  return elems[i];
}

bool Value::Contains(const Value& element) const {
  for (const auto& e : Elements()) {
    if (e.RawEquals(element)) return true;
  }
  return false;
}

// --- paths ---------------------------------------------------------------------------

namespace {

// The type of the child addressed by `step` inside a value of type `type`.
absl::StatusOr<Type> ChildType(const Type& type, const PathStep& step) {
  switch (step.kind) {
    case PathStep::Kind::kAttribute:
      if (type.IsObject() && type.HasAttribute(step.name)) return type.AttributeType(step.name);
      if (type.IsDynamic()) return Type::Dynamic();
      return absl::NotFoundError(
          absl::StrCat("no attribute \"", step.name, "\" in ", type.FriendlyName()));
    case PathStep::Kind::kStringKey:
      if (type.IsMap()) return type.ElementType();
      if (type.IsDynamic()) return Type::Dynamic();
      return absl::InvalidArgumentError(
          absl::StrCat("cannot use a string key on ", type.FriendlyName()));
    case PathStep::Kind::kIntKey:
      if (type.IsList() || type.IsSet()) return type.ElementType();
      if (type.IsTuple()) {
        const auto& ts = type.TupleElementTypes();
        if (step.index < 0 || static_cast<size_t>(step.index) >= ts.size()) {
          return absl::NotFoundError(absl::StrCat("index ", step.index, " out of range"));
        }
        return ts[step.index];
      }
      if (type.IsDynamic()) return Type::Dynamic();
      return absl::InvalidArgumentError(
          absl::StrCat("cannot use an index on ", type.FriendlyName()));
  }
  return absl::InternalError("bad path step");
}

// Position of the child addressed by `step` in a known value's storage.
absl::StatusOr<size_t> ChildIndex(const Value& v, const PathStep& step) {
  switch (step.kind) {
    case PathStep::Kind::kAttribute: {
      int i = v.type().AttributeIndex(step.name);
      if (!v.type().IsObject() || i < 0) {
        return absl::NotFoundError(absl::StrCat("no attribute \"", step.name, "\""));
      }
      return static_cast<size_t>(i);
    }
    case PathStep::Kind::kStringKey: {
      if (!v.type().IsMap()) return absl::InvalidArgumentError("not a map");
      const auto& m = v.MapElements();
      auto it = std::lower_bound(m.begin(), m.end(), step.name,
                                 [](const auto& e, const std::string& k) { return e.first < k; });
      if (it == m.end() || it->first != step.name) {
        return absl::NotFoundError(absl::StrCat("no element with key \"", step.name, "\""));
      }
      return static_cast<size_t>(it - m.begin());
    }
    case PathStep::Kind::kIntKey: {
      if (!(v.type().IsList() || v.type().IsSet() || v.type().IsTuple())) {
        return absl::InvalidArgumentError("not a list, set or tuple");
      }
      if (step.index < 0 || static_cast<size_t>(step.index) >= v.Elements().size()) {
        return absl::NotFoundError(absl::StrCat("index ", step.index, " out of range"));
      }
      return static_cast<size_t>(step.index);
    }
  }
  return absl::InternalError("bad path step");
}

absl::Status AtStep(const Path& path, size_t i, absl::Status s) {
  Path prefix(std::vector<PathStep>(path.steps().begin(), path.steps().begin() + i + 1));
  return absl::Status(s.code(), absl::StrCat(prefix.ToString(), ": ", s.message()));
}

}  // namespace

absl::StatusOr<Value> Value::At(const Path& path) const {
  Value cur = *this;
  for (size_t i = 0; i < path.steps().size(); ++i) {
    const PathStep& step = path.steps()[i];
    if (!cur.IsKnown()) {
      absl::StatusOr<Type> t = ChildType(cur.type(), step);
      if (!t.ok()) return AtStep(path, i, t.status());
      cur = cur.IsNull() ? NullVal(*t) : UnknownVal(*t);
      continue;
    }
    absl::StatusOr<size_t> idx = ChildIndex(cur, step);
    if (!idx.ok()) return AtStep(path, i, idx.status());
    if (step.kind == PathStep::Kind::kStringKey) {
      Value next = cur.MapElements()[*idx].second;
      cur = std::move(next);
    } else {
      Value next = cur.Elements()[*idx];
      cur = std::move(next);
    }
  }
  return cur;
}

namespace {
absl::StatusOr<Value> ReplaceAt(const Value& v, const Path& path, size_t i, Value replacement) {
  if (i == path.steps().size()) return replacement;
  const PathStep& step = path.steps()[i];
  if (!v.IsKnown()) {
    return AtStep(path, i,
                  absl::FailedPreconditionError(absl::StrCat(
                      "cannot set inside a ", v.IsNull() ? "null" : "unknown", " value")));
  }
  absl::StatusOr<size_t> idx = ChildIndex(v, step);
  if (!idx.ok()) return AtStep(path, i, idx.status());
  if (step.kind == PathStep::Kind::kStringKey) {
    ValueMap m = v.MapElements();
    absl::StatusOr<Value> child = ReplaceAt(m[*idx].second, path, i + 1, std::move(replacement));
    if (!child.ok()) return child.status();
    m[*idx].second = *std::move(child);
    return internal::ValueAccess::KnownMap(v.type(), std::move(m));
  }
  ValueList elems = v.Elements();
  absl::StatusOr<Value> child = ReplaceAt(elems[*idx], path, i + 1, std::move(replacement));
  if (!child.ok()) return child.status();
  elems[*idx] = *std::move(child);
  if (v.type().IsSet()) return internal::ValueAccess::KnownSet(v.type(), std::move(elems));
  return internal::ValueAccess::KnownSequence(v.type(), std::move(elems));
}
}  // namespace

absl::StatusOr<Value> Value::WithAt(const Path& path, Value replacement) const {
  absl::StatusOr<Value> current = At(path);
  if (!current.ok()) return current.status();
  absl::Status s = replacement.CheckConforms(current->type());
  if (!s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path.ToString(), ": ", s.message()));
  }
  return ReplaceAt(*this, path, 0, std::move(replacement));
}

Value Value::WithAttr(std::string_view name, Value replacement) const {
  const Type& t = type();
  if (!IsKnown() || !t.IsObject()) WrongAccess(*this, "WithAttr");
  int i = t.AttributeIndex(name);
  if (i < 0) throw std::out_of_range(absl::StrCat("object has no attribute \"", std::string(name), "\""));
  absl::Status s = replacement.CheckConforms(t.AttributeTypes()[i].second);
  if (!s.ok()) {
    throw std::invalid_argument(absl::StrCat("attribute \"", std::string(name), "\": ", s.message()));
  }
  ValueList elems = Elements();
  elems[i] = std::move(replacement);
  return internal::ValueAccess::KnownSequence(t, std::move(elems));
}

namespace {
void WalkAt(const Value& v, Path& path,
            const std::function<bool(const Path&, const Value&)>& fn) {
  if (!fn(path, v) || !v.IsKnown()) return;
  const Type& t = v.type();
  if (t.IsObject()) {
    const auto& attrs = t.AttributeTypes();
    const auto& elems = v.Elements();
    for (size_t i = 0; i < elems.size(); ++i) {
      path = path.Attr(attrs[i].first);
      WalkAt(elems[i], path, fn);
      path = path.Parent();
    }
  } else if (t.IsMap()) {
    for (const auto& [k, e] : v.MapElements()) {
      path = path.Key(k);
      WalkAt(e, path, fn);
      path = path.Parent();
    }
  } else if (t.IsList() || t.IsSet() || t.IsTuple()) {
    const auto& elems = v.Elements();
    for (size_t i = 0; i < elems.size(); ++i) {
      path = path.Index(static_cast<int64_t>(i));
      WalkAt(elems[i], path, fn);
      path = path.Parent();
    }
  }
}

absl::StatusOr<Value> TransformAt(
    const Value& v, Path& path,
    const std::function<absl::StatusOr<Value>(const Path&, const Value&)>& fn) {
  Value rebuilt = v;
  if (v.IsKnown()) {
    const Type& t = v.type();
    if (t.IsMap()) {
      ValueMap m;
      m.reserve(v.MapElements().size());
      for (const auto& [k, e] : v.MapElements()) {
        path = path.Key(k);
        absl::StatusOr<Value> r = TransformAt(e, path, fn);
        path = path.Parent();
        if (!r.ok()) return r.status();
        m.emplace_back(k, *std::move(r));
      }
      rebuilt = internal::ValueAccess::KnownMap(t, std::move(m));
    } else if (t.IsObject() || t.IsList() || t.IsSet() || t.IsTuple()) {
      const auto& elems = v.Elements();
      ValueList out;
      out.reserve(elems.size());
      for (size_t i = 0; i < elems.size(); ++i) {
        path = t.IsObject() ? path.Attr(t.AttributeTypes()[i].first)
                            : path.Index(static_cast<int64_t>(i));
        absl::StatusOr<Value> r = TransformAt(elems[i], path, fn);
        path = path.Parent();
        if (!r.ok()) return r.status();
        out.push_back(*std::move(r));
      }
      rebuilt = t.IsSet() ? internal::ValueAccess::KnownSet(t, std::move(out))
                          : internal::ValueAccess::KnownSequence(t, std::move(out));
    }
  }
  absl::StatusOr<Value> result = fn(path, rebuilt);
  if (!result.ok()) return result.status();
  if (!(result->type() == v.type())) {
    absl::Status s = result->CheckConforms(v.type());
    if (!s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("Transform replacement at ", path.ToString(), ": ", s.message()));
    }
  }
  return result;
}
}  // namespace

void Value::Walk(const std::function<bool(const Path&, const Value&)>& fn) const {
  Path path;
  WalkAt(*this, path, fn);
}

absl::StatusOr<Value> Value::Transform(
    const std::function<absl::StatusOr<Value>(const Path&, const Value&)>& fn) const {
  Path path;
  return TransformAt(*this, path, fn);
}

// --- comparison ----------------------------------------------------------------------

bool Refinements::operator==(const Refinements& o) const {
  return not_null == o.not_null && string_prefix == o.string_prefix &&
         number_lower == o.number_lower &&
         (!number_lower || number_lower_inclusive == o.number_lower_inclusive) &&
         number_upper == o.number_upper &&
         (!number_upper || number_upper_inclusive == o.number_upper_inclusive) &&
         length_lower == o.length_lower && length_upper == o.length_upper;
}

bool Value::RawEquals(const Value& other) const {
  if (this == &other) return true;
  if (rep_ != other.rep_ || !(type() == other.type())) return false;
  switch (rep_) {
    case Rep::kNull:
      return true;
    case Rep::kUnknown:
      return refinements() == other.refinements();
    case Rep::kBool:
      return u_.boolean == other.u_.boolean;
    case Rep::kNumber:
      return u_.number == other.u_.number;
    case Rep::kString:
      return u_.string == other.u_.string;
    case Rep::kList: {
      const auto& a = *internal::ValueAccess::List(*this);
      const auto& b = *internal::ValueAccess::List(other);
      if (&a == &b) return true;
      if (type().IsSet()) return SetElementsEqual(a, b);
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!a[i].RawEquals(b[i])) return false;
      }
      return true;
    }
    case Rep::kMap: {
      const auto& a = *internal::ValueAccess::Map(*this);
      const auto& b = *internal::ValueAccess::Map(other);
      if (&a == &b) return true;
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].first != b[i].first || !a[i].second.RawEquals(b[i].second)) return false;
      }
      return true;
    }
  }
  return true;
}

size_t Value::Hash() const {
  // The state (null 0, unknown 1, known 2) and the type, then the contents.
  const size_t state = rep_ <= Rep::kUnknown ? static_cast<size_t>(rep_) : 2;
  size_t h = Mix(type().Hash(), state);
  switch (rep_) {
    case Rep::kNull:
      return h;
    case Rep::kUnknown: {
      const Refinements& r = refinements();
      h = Mix(h, r.not_null);
      if (r.string_prefix) h = Mix(h, std::hash<std::string>()(*r.string_prefix));
      if (r.length_lower) h = Mix(h, static_cast<size_t>(*r.length_lower));
      if (r.length_upper) h = Mix(h, static_cast<size_t>(*r.length_upper) * 7);
      return h;
    }
    case Rep::kBool:
      return Mix(h, u_.boolean);
    case Rep::kNumber:
      return Mix(h, u_.number.Hash());
    case Rep::kString:
      return Mix(h, std::hash<std::string>()(u_.string));
    case Rep::kList: {
      const ValueList& list = *internal::ValueAccess::List(*this);
      if (type().IsSet()) {
        size_t sum = 0;  // order-independent
        for (const auto& e : list) sum += e.Hash() * 0x9e3779b97f4a7c15ULL + 1;
        return Mix(h, sum);
      }
      for (const auto& e : list) h = Mix(h, e.Hash());
      return h;
    }
    case Rep::kMap:
      for (const auto& [k, e] : *internal::ValueAccess::Map(*this)) {
        h = Mix(Mix(h, std::hash<std::string>()(k)), e.Hash());
      }
      return h;
  }
  return h;
}

absl::Status Value::CheckConforms(const Type& type) const {
  Path path;
  return ConformsAt(*this, type, path);
}

// --- rendering -----------------------------------------------------------------------

namespace {

void Render(const Value& v, std::string& out) {
  if (v.IsNull()) {
    out += "null";
    return;
  }
  if (v.IsUnknown()) {
    out += "(known after apply)";
    return;
  }
  const Type& t = v.type();
  switch (t.kind()) {
    case TypeKind::kBool:
      out += v.AsBool() ? "true" : "false";
      return;
    case TypeKind::kNumber:
      out += v.AsNumber().ToString();
      return;
    case TypeKind::kString:
      out += '"';
      out += absl::CHexEscape(v.AsString());
      out += '"';
      return;
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kTuple: {
      out += '[';
      bool first = true;
      for (const auto& e : v.Elements()) {
        if (!first) out += ", ";
        first = false;
        Render(e, out);
      }
      out += ']';
      return;
    }
    case TypeKind::kMap: {
      out += '{';
      bool first = true;
      for (const auto& [k, e] : v.MapElements()) {
        if (!first) out += ", ";
        first = false;
        out += '"';
        out += absl::CHexEscape(k);
        out += "\" = ";
        Render(e, out);
      }
      out += '}';
      return;
    }
    case TypeKind::kObject: {
      out += '{';
      const auto& attrs = t.AttributeTypes();
      const auto& elems = v.Elements();
      for (size_t i = 0; i < elems.size(); ++i) {
        if (i) out += ", ";
        out += attrs[i].first;
        out += " = ";
        Render(elems[i], out);
      }
      out += '}';
      return;
    }
    case TypeKind::kDynamic:
      out += "(dynamic)";
      return;
  }
}

}  // namespace

std::string Value::ToString() const {
  std::string out;
  Render(*this, out);
  return out;
}

}  // namespace tfsdk
