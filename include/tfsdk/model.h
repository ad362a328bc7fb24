// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Typed models: a C++ struct mapped once to a schema object (field <-> attribute), then read
// or written in one call, and tfsdk::Maybe<T>, a field that can be null, unknown or known.
//
//   // The schema (GetSchema) ...
//   .attributes = {
//       tfsdk::Attribute::String("name").Required(),
//       tfsdk::Attribute::String("id").Computed(),
//       tfsdk::Attribute::ListNested("rule", {tfsdk::Attribute::Number("port").Required(),
//                                             tfsdk::Attribute::String("protocol").Required()})
//           .Required(),
//       tfsdk::Attribute::Map("labels", tfsdk::Type::String()).Optional(),
//       tfsdk::Attribute::Dynamic("extra").Optional(),
//   },
//   .blocks = {tfsdk::Block::Single("network", {.attributes = {
//       tfsdk::Attribute::String("cidr").Required()}})},
//
//   // ... and its model, at namespace scope next to the resource:
//   struct RuleModel {
//     int64_t port = 0;
//     std::string protocol;
//   };
//   TFSDK_MODEL(RuleModel, port, protocol);          // attribute names = member names
//
//   struct NetworkModel {
//     std::string cidr;
//   };
//   TFSDK_MODEL(NetworkModel, cidr);
//
//   struct ServerModel {
//     std::string name;                               // Required: never null
//     tfsdk::Maybe<std::string> id;                   // Computed: unknown in a new plan
//     std::vector<RuleModel> rules;                   // Required list of objects
//     std::optional<std::map<std::string, std::string>> labels;   // Optional: may be null
//     tfsdk::Value extra;                             // dynamic: kept as a Value
//     std::optional<NetworkModel> network;            // a SINGLE block is null when absent
//   };
//   TFSDK_MODEL_FIELDS(ServerModel, ("name", name), ("id", id), ("rule", rules),
//                      ("labels", labels), ("extra", extra), ("network", network));
//
//   // Create: read the whole plan, fill in the computed values, write the whole state.
//   void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
//     ServerModel server = req.plan.Get<ServerModel>();
//     server.id = client_->CreateServer(server.name, server.rules);
//     resp.state.Set(server);
//   }
//   // A nested object at a path is read or written the same way:
//   RuleModel first = req.plan.Get<RuleModel>(tfsdk::Path::Root("rule").Index(0));
//   resp.state.Set(tfsdk::Path::Root("network"), NetworkModel{"10.0.0.0/8"});
//
// Mapping. TFSDK_MODEL(Struct, member...) maps each member to the attribute of the same name;
// TFSDK_MODEL_FIELDS(Struct, ("attribute", member)...) names the attributes. Write either at
// namespace scope in the namespace that declares Struct, right after the struct and before
// any conversion of it (the SDK finds the mapping by argument-dependent lookup, so any
// namespace works, the global and unnamed ones included; a struct name with a template
// argument list does not fit in the macro). Both expand to a constexpr function the SDK looks
// for, which can also be written by hand, e.g. for a struct declared inside a class (as a
// friend) or for a class template:
//
//   constexpr auto TfsdkModelFields(tfsdk::ModelTag<ServerModel>) {
//     return tfsdk::ModelFields("ServerModel", tfsdk::Field("name", &ServerModel::name),
//                               tfsdk::Field("rule", &ServerModel::rules), ...);
//   }
//
// A model must be default-constructible, its mapped members assignable and non-const.
//
// Which C++ type for which attribute (any of them may also be a tfsdk::Maybe<...>):
//   string, number, bool               std::string, int64_t (any integer), double, Number, bool
//   list / set / map of T              std::vector<T> / std::set<T> or std::vector<T> /
//                                      std::map<std::string, T>
//   object, SINGLE nested attribute,   a model
//   SINGLE or GROUP block
//   LIST / SET / MAP nested attribute  std::vector<model> / std::vector<model> or
//   or block                           std::set<model> / std::map<std::string, model>
//   dynamic                            tfsdk::Value
// A model in a std::set needs operator< (e.g. `auto operator<=>(const RuleModel&) const =
// default;`); without one use std::vector, which writes a set when the attribute is a set.
//
// Null and unknown. A plain field (std::string, std::vector, a model, ...) must be known and
// not null; reading a null or unknown value into one throws ConversionError with the path
// (`rule[1].port: value is unknown ...`). So:
//   - an Optional attribute, and a SINGLE nested attribute or block, may be null: use
//     std::optional<T> (null or known) or Maybe<T>. LIST and SET blocks are never null (an
//     absent block is an empty list), nor is a GROUP block;
//   - a Computed attribute is unknown in a plan until the provider knows it, and any
//     configured value may be unknown during plan when it refers to another resource's
//     computed value: use tfsdk::Maybe<T>. Reading gives Maybe::Unknown(), writing Unknown()
//     back gives an unknown value of the attribute's type, so a model round-trips a plan
//     unchanged (unknown refinements are dropped);
//   - Maybe describes its own value only: a known list whose elements may be unknown needs
//     std::vector<tfsdk::Maybe<T>> (or a tfsdk::Value).
// Writing a model builds every attribute from its field: an empty std::vector writes an
// empty list, not null, so an Optional collection left out of the configuration needs
// std::optional (or Maybe) to be written back as null.
//
// Strictness. Reading and writing check that the model's fields and the object's attributes
// are the same names, both ways, as the Go framework does: a field without an attribute, an
// attribute without a field, or two fields for one attribute is a ConversionError naming the
// model, the fields and the attributes, so a forgotten field can never silently null an
// attribute. A field whose C++ type cannot be written as its attribute's type is a
// ConversionError at that attribute's path.
//
// Conversions throw ConversionError (convert.h); inside a provider callback the engine turns
// it into an error diagnostic at the attribute path. Models are plain structs: converting
// them is as thread-safe as the structs and Values involved.
#ifndef TFSDK_MODEL_H_
#define TFSDK_MODEL_H_

#include <compare>
#include <concepts>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "tfsdk/convert.h"
#include "tfsdk/path.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk {

// ---------------------------------------------------------------------------------------
// Maybe<T>: null, unknown, or a known T.
// ---------------------------------------------------------------------------------------

// A value that is null, unknown ("known after apply") or known. Default-constructed it is
// null; a T converts to a known Maybe implicitly:
//   tfsdk::Maybe<std::string> id;                 // null
//   id = "srv-1";                                 // known
//   id = tfsdk::Maybe<std::string>::Unknown();    // unknown
//   if (id.IsKnown()) Use(id.value());
//   int64_t port = model.port.value_or(80);
template <class T>
class Maybe {
 public:
  using value_type = T;

  // Null.
  Maybe() = default;
  Maybe(std::nullopt_t) {}  // NOLINT: null, as std::optional's nullopt
  // Known; implicit when U converts implicitly to T.
  template <class U = T>
    requires(std::is_constructible_v<T, U &&> &&
             !std::is_same_v<std::remove_cvref_t<U>, Maybe> &&
             !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t>)
  explicit(!std::is_convertible_v<U &&, T>) Maybe(U&& value)  // NOLINT
      : value_(std::forward<U>(value)) {}

  static Maybe Null() { return Maybe(); }
  static Maybe Unknown() {
    Maybe m;
    m.unknown_ = true;
    return m;
  }
  static Maybe Known(T value) { return Maybe(std::move(value)); }

  bool IsNull() const { return !unknown_ && !value_.has_value(); }
  bool IsUnknown() const { return unknown_; }
  bool IsKnown() const { return value_.has_value(); }

  // The known value. Throws std::logic_error when null or unknown.
  const T& value() const& {
    CheckKnown();
    return *value_;
  }
  T& value() & {
    CheckKnown();
    return *value_;
  }
  T&& value() && {
    CheckKnown();
    return std::move(*value_);
  }
  // The known value, or `fallback` when null or unknown.
  template <class U>
  T value_or(U&& fallback) const& {
    return value_ ? *value_ : static_cast<T>(std::forward<U>(fallback));
  }
  // The known value as an optional: std::nullopt when null or unknown.
  std::optional<T> ToOptional() const { return value_; }

  // Equal when both are null, both unknown, or both known with equal values.
  friend bool operator==(const Maybe& a, const Maybe& b) {
    if (a.unknown_ != b.unknown_ || a.value_.has_value() != b.value_.has_value()) return false;
    return !a.value_ || *a.value_ == *b.value_;
  }
  // Orders null < unknown < known, known values by T's ordering (so models with Maybe fields
  // can default operator<=> and live in a std::set).
  friend auto operator<=>(const Maybe& a, const Maybe& b)
    requires std::three_way_comparable<T>
  {
    using Result = std::compare_three_way_result_t<T>;
    if (a.Rank() != b.Rank()) return static_cast<Result>(a.Rank() <=> b.Rank());
    if (!a.value_) return static_cast<Result>(std::strong_ordering::equal);
    return static_cast<Result>(*a.value_ <=> *b.value_);
  }

 private:
  int Rank() const { return value_ ? 2 : (unknown_ ? 1 : 0); }
  void CheckKnown() const {
    if (value_) return;
    throw std::logic_error(unknown_ ? "tfsdk::Maybe::value(): the value is unknown (known "
                                      "after apply); test IsKnown() or use value_or()"
                                    : "tfsdk::Maybe::value(): the value is null; test "
                                      "IsKnown() or use value_or()");
  }

  std::optional<T> value_;
  bool unknown_ = false;
};

// Null <-> Null(), unknown <-> Unknown() (refinements are dropped), known <-> Known(T).
template <class T>
struct ValueTraits<Maybe<T>> {
  static Maybe<T> From(const Value& v, const Path& where) {
    if (v.IsNull()) return Maybe<T>::Null();
    if (v.IsUnknown()) return Maybe<T>::Unknown();
    return Maybe<T>::Known(ValueTraits<T>::From(v, where));
  }
  static Value To(const Maybe<T>& x, const Type& type) {
    if (x.IsNull()) return Value::NullVal(type);
    if (x.IsUnknown()) return Value::UnknownVal(type);
    return ValueTraits<T>::To(x.value(), type);
  }
};

// ---------------------------------------------------------------------------------------
// Models: structs mapped to objects.
// ---------------------------------------------------------------------------------------

// The argument of TfsdkModelFields, which names the model type and lets argument-dependent
// lookup find the mapping in the model's namespace.
template <class T>
struct ModelTag {};

// One mapped field: the attribute name and the member. Made by tfsdk::Field.
template <class Class, class Member>
struct ModelField {
  std::string_view attribute;
  Member Class::*member;
  std::string_view member_name;  // for messages; empty when only the attribute is known
};

// Maps `member` to the attribute `attribute`; `member_name` only improves messages.
template <class Class, class Member>
  requires std::is_object_v<Member>
constexpr ModelField<Class, Member> Field(std::string_view attribute, Member Class::*member,
                                          std::string_view member_name = {}) {
  return ModelField<Class, Member>{attribute, member, member_name};
}

// A model's mapping: its name (for messages) and its fields. Made by tfsdk::ModelFields.
template <class... Fields>
struct ModelDescription {
  std::string_view name;
  std::tuple<Fields...> fields;
};

template <class... Fields>
constexpr ModelDescription<Fields...> ModelFields(std::string_view model_name,
                                                  Fields... fields) {
  return ModelDescription<Fields...>{model_name, std::tuple<Fields...>(fields...)};
}

namespace model_internal {

// Never called: makes the unqualified call below a function call whatever the context, so
// argument-dependent lookup always runs.
void TfsdkModelFields() = delete;

template <class T>
concept Mapped = requires { TfsdkModelFields(ModelTag<T>{}); };

template <class T>
constexpr auto Describe() {
  return TfsdkModelFields(ModelTag<T>{});
}

// Throws ConversionError at `where` unless the attribute names in `attributes` and the
// attributes of `object_type` are the same set, each once (for a Dynamic type: unless two
// fields name one attribute). `members` are the member names of the same fields ("" when
// unknown), for the message.
void CheckFields(std::string_view model, std::span<const std::string_view> attributes,
                 std::span<const std::string_view> members, const Type& object_type,
                 const Path& where);

// The ConversionError for a field whose value does not conform to its attribute's type.
[[noreturn]] void ThrowFieldMismatch(std::string_view model, std::string_view attribute,
                                     std::string_view member, const std::string& problem);

// A model written where the type is neither an object nor dynamic.
[[noreturn]] void ThrowNotAnObject(std::string_view model, const Type& type);

template <class Description>
void Check(const Description& d, const Type& object_type, const Path& where) {
  std::apply(
      [&](const auto&... f) {
        constexpr size_t kCount = sizeof...(f);
        const std::string_view attributes[kCount + 1] = {f.attribute...};
        const std::string_view members[kCount + 1] = {f.member_name...};
        CheckFields(d.name, std::span<const std::string_view>(attributes, kCount),
                    std::span<const std::string_view>(members, kCount), object_type, where);
      },
      d.fields);
}

}  // namespace model_internal

// True if T has a mapping (TFSDK_MODEL, TFSDK_MODEL_FIELDS or a hand-written
// TfsdkModelFields).
template <class T>
inline constexpr bool kIsModel = model_internal::Mapped<T>;

// Reads a mapped struct from an object and writes it as one.
template <class T>
struct ValueTraits<T, std::enable_if_t<model_internal::Mapped<T>>> {
  static T From(const Value& v, const Path& where) {
    static constexpr auto kModel = model_internal::Describe<T>();
    if (!v.IsKnown() || !v.type().IsObject()) {
      const std::string want = "object (model " + std::string(kModel.name) + ")";
      convert_internal::RequireKind(v, where, v.type().IsObject(), want.c_str());
    }
    model_internal::Check(kModel, v.type(), where);
    T out{};
    std::apply(
        [&](const auto&... f) {
          ((out.*(f.member) = ReadField<std::remove_cvref_t<decltype(out.*(f.member))>>(
                v, f.attribute, where)),
           ...);
        },
        kModel.fields);
    return out;
  }

  // `type` is the object type to build, exactly. A Dynamic type (a model in a dynamic slot)
  // builds an object typed after the field values.
  static Value To(const T& x, const Type& type) {
    static constexpr auto kModel = model_internal::Describe<T>();
    if (!type.IsObject() && !type.IsDynamic()) model_internal::ThrowNotAnObject(kModel.name, type);
    model_internal::Check(kModel, type, Path());
    std::map<std::string, Value> attributes;
    std::apply(
        [&](const auto&... f) {
          (attributes.emplace(std::string(f.attribute), WriteField(kModel.name, x, f, type)), ...);
        },
        kModel.fields);
    if (type.IsDynamic()) return Value::ObjectVal(std::move(attributes));
    return Value::ObjectVal(type, std::move(attributes));
  }

 private:
  template <class M>
  static M ReadField(const Value& object, std::string_view attribute, const Path& where) {
    const int i = object.type().AttributeIndex(attribute);
    return ValueTraits<M>::From(object.Elements()[static_cast<size_t>(i)],
                                where.Attr(std::string(attribute)));
  }

  template <class Field>
  static Value WriteField(std::string_view model, const T& x, const Field& f,
                          const Type& object_type) {
    using M = std::remove_cvref_t<decltype(x.*(f.member))>;
    const Type attribute_type =
        object_type.IsObject() ? object_type.AttributeType(f.attribute) : Type::Dynamic();
    Value v;
    try {
      v = ValueTraits<M>::To(x.*(f.member), attribute_type);
    } catch (const ConversionError& e) {
      throw e.Within(Path::Root(std::string(f.attribute)));
    } catch (const std::invalid_argument& e) {
      model_internal::ThrowFieldMismatch(model, f.attribute, f.member_name, e.what());
    }
    absl::Status conforms = v.CheckConforms(attribute_type);
    if (!conforms.ok()) {
      model_internal::ThrowFieldMismatch(model, f.attribute, f.member_name,
                                         std::string(conforms.message()));
    }
    return v;
  }
};

}  // namespace tfsdk

// ---------------------------------------------------------------------------------------
// The mapping macros.
// ---------------------------------------------------------------------------------------

// TFSDK_MODEL(Struct, member, ...): maps each member to the attribute of the same name.
// At namespace scope, in Struct's namespace; up to 256 members.
#define TFSDK_MODEL(Struct, ...)                                                        \
  [[maybe_unused]] constexpr auto TfsdkModelFields(::tfsdk::ModelTag<Struct>) {         \
    return ::tfsdk::ModelFields(                                                        \
        #Struct TFSDK_INTERNAL_FOR_EACH(TFSDK_INTERNAL_SAME_NAME, Struct, __VA_ARGS__)); \
  }                                                                                     \
  static_assert(true, "")

// TFSDK_MODEL_FIELDS(Struct, ("attribute", member), ...): maps each member to the named
// attribute. At namespace scope, in Struct's namespace; up to 256 fields.
#define TFSDK_MODEL_FIELDS(Struct, ...)                                              \
  [[maybe_unused]] constexpr auto TfsdkModelFields(::tfsdk::ModelTag<Struct>) {      \
    return ::tfsdk::ModelFields(                                                     \
        #Struct TFSDK_INTERNAL_FOR_EACH(TFSDK_INTERNAL_RENAMED, Struct, __VA_ARGS__)); \
  }                                                                                  \
  static_assert(true, "")

// Implementation of the macros: TFSDK_INTERNAL_FOR_EACH(m, ctx, a, b, ...) expands to
// m(ctx, a) m(ctx, b) ..., by deferring the recursive call and rescanning it 256 times.
#define TFSDK_INTERNAL_SAME_NAME(Struct, member) \
  , ::tfsdk::Field(#member, &Struct::member, #member)
#define TFSDK_INTERNAL_RENAMED(Struct, pair) \
  TFSDK_INTERNAL_RENAMED_I(Struct, TFSDK_INTERNAL_UNWRAP pair)
#define TFSDK_INTERNAL_RENAMED_I(Struct, ...) TFSDK_INTERNAL_RENAMED_II(Struct, __VA_ARGS__)
#define TFSDK_INTERNAL_RENAMED_II(Struct, attribute, member) \
  , ::tfsdk::Field(attribute, &Struct::member, #member)
#define TFSDK_INTERNAL_UNWRAP(...) __VA_ARGS__

#define TFSDK_INTERNAL_PARENS ()
#define TFSDK_INTERNAL_RESCAN(...) TFSDK_INTERNAL_RESCAN4(TFSDK_INTERNAL_RESCAN4(__VA_ARGS__))
#define TFSDK_INTERNAL_RESCAN4(...) TFSDK_INTERNAL_RESCAN3(TFSDK_INTERNAL_RESCAN3(__VA_ARGS__))
#define TFSDK_INTERNAL_RESCAN3(...) TFSDK_INTERNAL_RESCAN2(TFSDK_INTERNAL_RESCAN2(__VA_ARGS__))
#define TFSDK_INTERNAL_RESCAN2(...) TFSDK_INTERNAL_RESCAN1(TFSDK_INTERNAL_RESCAN1(__VA_ARGS__))
#define TFSDK_INTERNAL_RESCAN1(...) TFSDK_INTERNAL_RESCAN0(TFSDK_INTERNAL_RESCAN0(__VA_ARGS__))
#define TFSDK_INTERNAL_RESCAN0(...) TFSDK_INTERNAL_RESCANX(TFSDK_INTERNAL_RESCANX(__VA_ARGS__))
#define TFSDK_INTERNAL_RESCANX(...) TFSDK_INTERNAL_RESCANY(TFSDK_INTERNAL_RESCANY(__VA_ARGS__))
#define TFSDK_INTERNAL_RESCANY(...) TFSDK_INTERNAL_RESCANZ(TFSDK_INTERNAL_RESCANZ(__VA_ARGS__))
#define TFSDK_INTERNAL_RESCANZ(...) __VA_ARGS__
#define TFSDK_INTERNAL_FOR_EACH(macro, ctx, ...) \
  __VA_OPT__(TFSDK_INTERNAL_RESCAN(TFSDK_INTERNAL_FOR_EACH_STEP(macro, ctx, __VA_ARGS__)))
#define TFSDK_INTERNAL_FOR_EACH_STEP(macro, ctx, first, ...) \
  macro(ctx, first)                                          \
  __VA_OPT__(TFSDK_INTERNAL_FOR_EACH_AGAIN TFSDK_INTERNAL_PARENS(macro, ctx, __VA_ARGS__))
#define TFSDK_INTERNAL_FOR_EACH_AGAIN() TFSDK_INTERNAL_FOR_EACH_STEP

#endif  // TFSDK_MODEL_H_
