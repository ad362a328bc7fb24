// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Attributes — a resource's configuration, plan or state: an object Value together
// with the Schema it follows, with typed access by attribute name or Path.
//
//   std::string path = req.plan.Get<std::string>("path");
//   std::optional<int64_t> mode = req.plan.Get<std::optional<int64_t>>("mode");
//   tfsdk::Value content = req.plan.GetValue("content");   // may be unknown
//   resp.state.Set("sha256", digest);
//   resp.state.Set(tfsdk::Path::Root("rule").Index(0).Attr("id"), 7);
//
// The whole object as a typed model (model.h):
//   ServerModel server = req.plan.Get<ServerModel>();
//   server.id = "srv-1";
//   resp.state.Set(server);
//
// Get/Set throw ConversionError (see convert.h) on a bad path or type; inside a callback
// the engine reports it as an error diagnostic with the attribute path. Not thread-safe.
#ifndef TFSDK_ATTRIBUTES_H_
#define TFSDK_ATTRIBUTES_H_

#include <optional>
#include <string>
#include <string_view>

#include "tfsdk/convert.h"
#include "tfsdk/model.h"
#include "tfsdk/path.h"
#include "tfsdk/schema.h"
#include "tfsdk/value.h"

namespace tfsdk {

namespace attributes_internal {
template <class T>
inline constexpr bool kWholeObject = kIsModel<T>;
template <class T>
inline constexpr bool kWholeObject<std::optional<T>> = kIsModel<T>;
template <class T>
inline constexpr bool kWholeObject<Maybe<T>> = kIsModel<T>;
}  // namespace attributes_internal

class Attributes {
 public:
  // A null value with no schema.
  Attributes() = default;
  // `schema` must outlive this object (the engine's schemas live as long as the provider).
  Attributes(const Schema* schema, Value value) : schema_(schema), value_(std::move(value)) {}

  const Schema* schema() const { return schema_; }
  // The whole object.
  const Value& value() const { return value_; }
  void SetWhole(Value v) { value_ = std::move(v); }
  // True if the whole object is null (no resource, or a removed one).
  bool IsNull() const { return value_.IsNull(); }
  // Makes the whole object null: from Read, tells Terraform the remote object is gone.
  void RemoveResource() { value_ = Value::NullVal(value_.type()); }

  // The value at `path` (null/unknown propagate through null/unknown parents).
  Value GetValue(const Path& path) const;
  Value GetValue(std::string_view attribute) const {
    return GetValue(Path::Root(std::string(attribute)));
  }
  template <class T>
  T Get(const Path& path) const {
    return FromValue<T>(GetValue(path), path);
  }
  template <class T>
  T Get(std::string_view attribute) const {
    return Get<T>(Path::Root(std::string(attribute)));
  }
  // The whole object as T: usually a model (model.h), or e.g. std::optional<Model> when the
  // whole object may be null.
  template <class T>
  T Get() const {
    return FromValue<T>(value_, Path());
  }

  // Replaces the value at `path`. REQUIRES: the parents of `path` are known.
  void SetValue(const Path& path, Value v);
  template <class T>
  void Set(const Path& path, const T& x) {
    const Type type = TypeAt(path);
    Value v;
    try {
      v = ToValue(x, type);
    } catch (const ConversionError& e) {
      throw e.Within(path);  // the error's path is relative to `path`
    }
    SetValue(path, std::move(v));
  }
  template <class T>
  void Set(std::string_view attribute, const T& x) {
    Set(Path::Root(std::string(attribute)), x);
  }
  void Set(const Path& path, const char* s) { SetValue(path, Value::StringVal(s)); }
  void Set(std::string_view attribute, const char* s) {
    SetValue(Path::Root(std::string(attribute)), Value::StringVal(s));
  }

  // Replaces the whole object with `model`: a model (model.h), or a std::optional or
  // tfsdk::Maybe of one (null and unknown replace the whole object by a null or unknown
  // one). It is written as the current value's object type (or the schema's type when there
  // is no value yet). Every attribute is replaced, so read the whole object first to change
  // a few. (Only models: `Set(digest)` with a forgotten attribute name does not compile.)
  template <class T>
    requires attributes_internal::kWholeObject<T>
  void Set(const T& model) {
    SetWhole(ToValue(model, WholeType()));
  }

  // The type of the slot at `path`.
  Type TypeAt(const Path& path) const;
  // The type of the whole object: the current value's if it is an object, else the schema's
  // implied type, else Dynamic.
  Type WholeType() const;

 private:
  const Schema* schema_ = nullptr;
  Value value_;
};

}  // namespace tfsdk

#endif  // TFSDK_ATTRIBUTES_H_
