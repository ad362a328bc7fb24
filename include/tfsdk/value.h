// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Value — a cty value: the configuration, plan, state and every other value a
// provider exchanges with Terraform or OpenTofu.
//
// Every Value has a Type and is in one of three states:
//   null     — absent (an optional attribute left out of the configuration);
//   unknown  — will be known after apply (a computed attribute during plan). An unknown
//              value may carry Refinements: what is already known about it (not null,
//              a string prefix, number bounds, collection length bounds);
//   known    — a concrete value.
// Never model an attribute as std::optional<T>: it loses "unknown".
//
//   Value v = Value::ObjectVal({{"name", Value::StringVal("web")},
//                               {"port", Value::IntVal(80)},
//                               {"tags", Value::NullVal(Type::Map(Type::String()))}});
//   v.GetAttr("port").AsNumber().ToInt64();   // 80
//   v.At(Path::Root("name"))->AsString();     // "web"
//
// Types of values. A value's type is the type it was built or decoded with. Where that type
// contains Dynamic (an attribute of type dynamic, a list(dynamic), ...), the nested values
// carry their own concrete types; `Conforms` accepts any value in a Dynamic slot.
//
// Storage. Object attributes are stored in the order of Type::AttributeTypes() (sorted by
// name), maps sorted by key, sets deduplicated by hash (O(n) to build and to compare; a set
// element that is not wholly known is never merged with another). Values are immutable and
// share their children, so copies are cheap; "With" methods return modified copies.
// All const methods are thread-safe.
//
// Factories throw std::invalid_argument when their arguments break the type rules (a list
// element of the wrong type, ...); inside a provider callback that becomes an error
// diagnostic.
#ifndef TFSDK_VALUE_H_
#define TFSDK_VALUE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tfsdk/number.h"
#include "tfsdk/path.h"
#include "tfsdk/type.h"

namespace tfsdk {

// What is known about an unknown value. Empty means "nothing known".
struct Refinements {
  bool not_null = false;                      // definitely not null
  std::optional<std::string> string_prefix;   // string types only
  std::optional<Number> number_lower;         // number types only
  bool number_lower_inclusive = true;
  std::optional<Number> number_upper;
  bool number_upper_inclusive = true;
  std::optional<int64_t> length_lower;        // list, set and map types only
  std::optional<int64_t> length_upper;

  bool empty() const {
    return !not_null && !string_prefix && !number_lower && !number_upper && !length_lower &&
           !length_upper;
  }
  bool operator==(const Refinements& o) const;
  bool operator!=(const Refinements& o) const { return !(*this == o); }
};

class Value;
using ValueList = std::vector<Value>;
using ValueMap = std::vector<std::pair<std::string, Value>>;  // sorted by key

namespace internal {
struct ValueAccess;
}  // namespace internal

class Value {
 public:
  // A null value of Dynamic type.
  Value();
  // Copies are cheap: nested values are shared, not copied. A moved-from Value is valid
  // (a null of Dynamic type, or for a primitive some known value of its type).
  Value(const Value& other) { CopyFrom(other); }
  Value(Value&& other) noexcept { MoveFrom(other); }
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;
  ABSL_ATTRIBUTE_ALWAYS_INLINE ~Value() { Destroy(); }

  // --- Construction ------------------------------------------------------------------
  static Value NullVal(Type type);
  static Value UnknownVal(Type type, Refinements refinements = {});
  static Value BoolVal(bool b);
  static Value NumberVal(Number n);
  static Value IntVal(int64_t i) { return NumberVal(Number::FromInt64(i)); }
  static Value FloatVal(double d) { return NumberVal(Number::FromDouble(d)); }
  static Value StringVal(std::string s);
  // Elements must conform to `element_type`.
  static Value ListVal(Type element_type, ValueList elements);
  // Duplicate elements are merged.
  static Value SetVal(Type element_type, ValueList elements);
  static Value MapVal(Type element_type, std::map<std::string, Value> elements);
  // The object type is derived from the attribute values' types.
  static Value ObjectVal(std::map<std::string, Value> attributes);
  // An object of the given object type; attributes missing from `attributes` are null.
  // Throws if a name is not an attribute of `type` or a value does not conform.
  static Value ObjectVal(const Type& type, std::map<std::string, Value> attributes);
  static Value TupleVal(ValueList elements);

  // --- State -------------------------------------------------------------------------
  const Type& type() const {
    if (rep_ >= Rep::kList) return u_.node->type;
    if (rep_ <= Rep::kUnknown) return u_.absent.type;
    return PrimitiveType(rep_);
  }
  bool IsNull() const { return rep_ == Rep::kNull; }
  bool IsUnknown() const { return rep_ == Rep::kUnknown; }
  bool IsKnown() const { return rep_ > Rep::kUnknown; }
  // Known, and every nested value known too.
  bool IsWhollyKnown() const;
  // True if this value or any nested value is null.
  bool ContainsNull() const;
  // REQUIRES: IsUnknown().
  const Refinements& refinements() const;

  // --- Primitives (REQUIRES: IsKnown() and the matching type) --------------------------
  bool AsBool() const;
  const Number& AsNumber() const;
  const std::string& AsString() const;

  // --- Collections and structures (REQUIRES: IsKnown()) ------------------------------
  // Elements of a list, set or tuple, or an object's attribute values in
  // Type::AttributeTypes() order, or a map's values in key order.
  size_t Length() const;
  const ValueList& Elements() const;        // list, set, tuple, object
  const ValueMap& MapElements() const;      // map
  // Object attribute by name. Throws std::out_of_range if there is no such attribute.
  const Value& GetAttr(std::string_view name) const;
  // Object attribute or nullptr; also nullptr if this value is not a known object.
  const Value* FindAttr(std::string_view name) const;
  // Map element by key, or nullptr.
  const Value* FindKey(std::string_view key) const;
  // List, tuple or set element by position. Throws std::out_of_range.
  const Value& Index(size_t i) const;
  // Set or list membership (raw equality).
  bool Contains(const Value& element) const;

  // --- Paths ---------------------------------------------------------------------------
  // The value at `path`. Attribute steps address objects; string keys address maps; int
  // keys address lists and tuples, and sets by position in element order. A step through
  // a null value yields a null of the nested type; through an unknown value, an unknown.
  absl::StatusOr<Value> At(const Path& path) const;
  // A copy with the value at `path` replaced. Intermediate nulls are not created.
  absl::StatusOr<Value> WithAt(const Path& path, Value replacement) const;
  // A copy of a known object with one attribute replaced. Throws if no such attribute.
  Value WithAttr(std::string_view name, Value replacement) const;

  // Visits this value and every nested value (pre-order). `fn` returns false to skip the
  // children of the value it was given.
  void Walk(const std::function<bool(const Path&, const Value&)>& fn) const;
  // Rebuilds the value bottom-up: `fn` gets each nested value after its children were
  // rebuilt, and returns its replacement, which must conform to the original's type.
  absl::StatusOr<Value> Transform(
      const std::function<absl::StatusOr<Value>(const Path&, const Value&)>& fn) const;

  // --- Comparison ----------------------------------------------------------------------
  // Raw equality: same type, same state, same refinements, equal contents (sets compare
  // as sets). Two unknowns of one type with equal refinements are equal.
  bool RawEquals(const Value& other) const;
  bool operator==(const Value& other) const { return RawEquals(other); }
  bool operator!=(const Value& other) const { return !RawEquals(other); }
  // A hash consistent with RawEquals.
  size_t Hash() const;

  // OK if this value can be used where `type` is expected: Dynamic accepts anything;
  // otherwise kinds match and nested values conform. The error names the path.
  absl::Status CheckConforms(const Type& type) const;

  // A readable rendering, like Terraform's plan output: {name = "web", port = 80},
  // (known after apply), null.
  std::string ToString() const;

 private:
  // What a Value holds: its state and which member of `u_` is in use. A Value is 48
  // bytes; known primitives carry no Type (type() returns a shared one) and a known
  // collection or structure keeps its Type with its elements, in one shared Node.
  enum class Rep : uint8_t {
    kNull,     // u_.absent: the type
    kUnknown,  // u_.absent: the type, and refinements or nullptr
    kBool,     // u_.boolean
    kNumber,   // u_.number
    kString,   // u_.string
    kList,     // u_.node, a ListNode: list, set, tuple, or object attributes in type order
    kMap,      // u_.node, a MapNode
  };

  // The shared payload of a known list, set, tuple, object or map: immutable once built,
  // freed by the last Value that refers to it.
  struct Node {
    explicit Node(Type t) : type(std::move(t)) {}
    mutable std::atomic<size_t> refs{1};
    Type type;
  };
  struct ListNode;
  struct MapNode;

  struct Absent {
    Type type;
    std::shared_ptr<const Refinements> refinements;  // unknown only; nullptr when empty
  };

  union Payload {
    Payload() {}
    ~Payload() {}
    Absent absent;
    bool boolean;
    Number number;
    std::string string;
    Node* node;  // never nullptr
  };

  // A Value whose payload the caller constructs at once.
  explicit Value(Rep rep) : rep_(rep) {}

  static const Type& PrimitiveType(Rep rep);

  ABSL_ATTRIBUTE_ALWAYS_INLINE void CopyFrom(const Value& other) {
    rep_ = other.rep_;
    switch (rep_) {
      case Rep::kNull:
      case Rep::kUnknown:
        new (&u_.absent) Absent(other.u_.absent);
        break;
      case Rep::kBool:
        u_.boolean = other.u_.boolean;
        break;
      case Rep::kNumber:
        new (&u_.number) Number(other.u_.number);
        break;
      case Rep::kString:
        new (&u_.string) std::string(other.u_.string);
        break;
      case Rep::kList:
      case Rep::kMap:
        u_.node = other.u_.node;
        u_.node->refs.fetch_add(1, std::memory_order_relaxed);
        break;
    }
  }

  // Leaves `other` a null of dynamic type (strings: the empty string; bools and numbers
  // keep their value).
  ABSL_ATTRIBUTE_ALWAYS_INLINE void MoveFrom(Value& other) noexcept {
    rep_ = other.rep_;
    switch (rep_) {
      case Rep::kNull:
      case Rep::kUnknown:
        new (&u_.absent) Absent(std::move(other.u_.absent));
        other.ResetToNull();
        break;
      case Rep::kBool:
        u_.boolean = other.u_.boolean;
        break;
      case Rep::kNumber:
        new (&u_.number) Number(other.u_.number);
        break;
      case Rep::kString:
        new (&u_.string) std::string(std::move(other.u_.string));
        break;
      case Rep::kList:
      case Rep::kMap:
        u_.node = other.u_.node;
        other.rep_ = Rep::kBool;  // the node is ours now; make `other` valid again
        other.ResetToNull();
        break;
    }
  }

  ABSL_ATTRIBUTE_ALWAYS_INLINE void Destroy() noexcept {
    switch (rep_) {
      case Rep::kNull:
      case Rep::kUnknown:
        u_.absent.~Absent();
        break;
      case Rep::kBool:
        break;
      case Rep::kNumber:
        u_.number.~Number();
        break;
      case Rep::kString:
        u_.string.~basic_string();
        break;
      case Rep::kList:
      case Rep::kMap:
        // A sole owner needs no atomic read-modify-write: no other reference exists that
        // could be copied concurrently.
        if (u_.node->refs.load(std::memory_order_acquire) == 1 ||
            u_.node->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
          DeleteNode();
        }
        break;
    }
  }

  // Destroys the payload and becomes a null of dynamic type.
  void ResetToNull() noexcept;
  void DeleteNode() noexcept;
  // Asks the CPU to fetch the memory `v` refers to: its node or heap string, or with
  // `contents` the start of a node's elements.
  static void Prefetch(const Value& v, bool contents);

  Rep rep_;
  Payload u_;

  friend struct internal::ValueAccess;
};

inline Value& Value::operator=(const Value& other) {
  if (this != &other) {
    Value copy(other);  // first: `other` may live inside this value
    Destroy();
    MoveFrom(copy);
  }
  return *this;
}

inline Value& Value::operator=(Value&& other) noexcept {
  if (this != &other) {
    Destroy();
    MoveFrom(other);
  }
  return *this;
}

}  // namespace tfsdk

#endif  // TFSDK_VALUE_H_
