// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The cty msgpack codec. Wire rules (PROTOCOL.md §4, go-cty cty/msgpack):
//
//   null                nil
//   wholly unknown      fixext1, type 0, payload 0x00 (d4 00 00). On input any extension
//                       with a payload of at most one byte is a wholly unknown value.
//   refined unknown     extension type 12 whose payload is a map of refinements:
//                       1 nullness (false = definitely not null), 2 string prefix,
//                       3/4 number lower/upper bound as [number, inclusive],
//                       5/6 collection length lower/upper bound.
//   bool, string        native (strings also accepted as bin on input, as go-cty's msgpack
//                       library decodes both)
//   number              smallest integer encoding for an int64, float64 for an exact
//                       double or an infinity, otherwise the decimal text as a string
//   list, set, tuple    array
//   map                 map with string keys, sorted by key
//   object              map with exactly every attribute (nil for null), sorted by name
//   dynamic slot        [type JSON as bin, value encoded with that type]; a null or
//                       unknown of dynamic type itself is a bare nil / d4 00 00
//
// As in go-cty, object attributes and map keys may arrive in any order, a repeated map
// key keeps its last value, bytes after a refinement map are ignored, and refinements on
// an unknown of dynamic type are dropped. Where go-cty would return a value of the wrong
// type, misread the input or panic, this decoder reports an error instead:
//   - an object with zero entries for a non-empty object type, a tuple with zero elements
//     for a non-empty tuple type, an object with a repeated attribute name;
//   - a non-string or nil map key (go-cty ignores the error or reads "");
//   - a string that is not valid UTF-8 (go-cty normalizes strings instead);
//   - bytes after the value (go-cty never looks);
//   - inconsistent refinements: a negative length, a lower bound above the upper bound.
// A refinement key it does not know is skipped together with its value (go-cty would
// misread that value as the next key).
//
// Decoding runs msgpack-cxx's SAX parser with a visitor that keeps an explicit stack of
// containers under construction: no msgpack object tree is built, memory reserved for
// declared lengths is bounded by the input size, and nesting is limited to kMaxDepth.
#include "src/value/msgpack_codec.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#ifndef MSGPACK_NO_BOOST
#define MSGPACK_NO_BOOST
#endif
#include <msgpack.hpp>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/value/value_internal.h"

namespace tfsdk::internal {
namespace {

// Containers nested deeper than this are rejected, on input and on output.
constexpr size_t kMaxDepth = 256;
// The extension type of an unknown value with refinements, and the largest refinement
// payload accepted (go-cty's limit).
constexpr int8_t kRefinedUnknownExt = 12;
constexpr size_t kMaxRefinementBytes = 1024;
// Refinement map keys.
constexpr int64_t kRefineNullness = 1;
constexpr int64_t kRefineStringPrefix = 2;
constexpr int64_t kRefineNumberLower = 3;
constexpr int64_t kRefineNumberUpper = 4;
constexpr int64_t kRefineLengthLower = 5;
constexpr int64_t kRefineLengthUpper = 6;

// ---------------------------------------------------------------------------------------
// Shared helpers

// Validates UTF-8 from the first non-ASCII byte on: no overlong forms, no surrogates,
// nothing above U+10FFFF.
bool IsValidUtf8Tail(const unsigned char* p, const unsigned char* end) {
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    size_t need;
    uint32_t min;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      need = 1;
      min = 0x80;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      need = 2;
      min = 0x800;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      need = 3;
      min = 0x10000;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (static_cast<size_t>(end - p) <= need) return false;
    for (size_t i = 1; i <= need; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += need + 1;
  }
  return true;
}

// Almost every Terraform string is ASCII: scan eight bytes at a time for a high bit and
// decode sequences only from there.
inline bool IsValidUtf8(const char* data, size_t size) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) break;
  }
  for (; i < size; ++i) {
    if (p[i] >= 0x80) return IsValidUtf8Tail(p + i, p + size);
  }
  return true;
}

// Equality of a short attribute name with key bytes, inline: a call into libc's memcmp
// costs more than comparing the few bytes of a typical name.
inline bool SameBytes(const std::string& name, const char* key, size_t size) {
  if (name.size() != size) return false;
  const char* n = name.data();
  for (size_t i = 0; i < size; ++i) {
    if (n[i] != key[i]) return false;
  }
  return true;
}

// "a number is required" and friends, as go-cty words them.
std::string KindRequired(const Type& type) {
  switch (type.kind()) {
    case TypeKind::kBool:
      return "a bool is required";
    case TypeKind::kNumber:
      return "a number is required";
    case TypeKind::kString:
      return "a string is required";
    case TypeKind::kList:
      return "a list is required";
    case TypeKind::kSet:
      return "a set is required";
    case TypeKind::kMap:
      return "a map is required";
    case TypeKind::kObject:
      return "an object is required";
    case TypeKind::kTuple:
      return "a tuple is required";
    case TypeKind::kDynamic:
      return "a dynamic value is required: an array of [type, value]";
  }
  return "a value is required";
}

// "path: message", or just the message at the root.
absl::Status PathError(const Path& path, absl::string_view message) {
  if (path.empty()) return absl::InvalidArgumentError(message);
  return absl::InvalidArgumentError(absl::StrCat(path.ToString(), ": ", message));
}

bool HasOptionalMarkers(const Type& type) {
  switch (type.kind()) {
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kMap:
      return HasOptionalMarkers(type.ElementType());
    case TypeKind::kObject:
      if (!type.OptionalAttributes().empty()) return true;
      for (const auto& [name, attr] : type.AttributeTypes()) {
        if (HasOptionalMarkers(attr)) return true;
      }
      return false;
    case TypeKind::kTuple:
      for (const auto& e : type.TupleElementTypes()) {
        if (HasOptionalMarkers(e)) return true;
      }
      return false;
    default:
      return false;
  }
}

// Values never carry optional-attribute markers (they belong to type constraints), so a
// schema type that has them is decoded as the plain type.
Type ValueTypeOf(const Type& type) {
  return HasOptionalMarkers(type) ? type.WithoutOptionalAttributes() : type;
}

absl::StatusOr<Number> NumberFromDouble(double d) {
  if (std::isnan(d)) return absl::InvalidArgumentError("a number is required, got NaN");
  return Number::FromDouble(d);
}

// ---------------------------------------------------------------------------------------
// Refinements (the payload of extension type 12). The payload is at most 1 KiB, so it is
// unpacked into a msgpack-cxx object tree with limits that bound the tree by the payload.

// Reads a [number, bool] bound. Numbers take every form a number value may take.
bool ReadNumberBound(const msgpack::object& o, Number& number, bool& inclusive) {
  if (o.type != msgpack::type::ARRAY || o.via.array.size != 2) return false;
  const msgpack::object& n = o.via.array.ptr[0];
  const msgpack::object& inc = o.via.array.ptr[1];
  if (inc.type != msgpack::type::BOOLEAN) return false;
  inclusive = inc.via.boolean;
  switch (n.type) {
    case msgpack::type::POSITIVE_INTEGER:
      number = Number::FromUint64(n.via.u64);
      return true;
    case msgpack::type::NEGATIVE_INTEGER:
      number = Number::FromInt64(n.via.i64);
      return true;
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64: {
      auto parsed = NumberFromDouble(n.via.f64);
      if (!parsed.ok()) return false;
      number = *std::move(parsed);
      return true;
    }
    case msgpack::type::STR:
    case msgpack::type::BIN: {
      auto parsed = Number::Parse(std::string_view(n.via.str.ptr, n.via.str.size));
      if (!parsed.ok()) return false;
      number = *std::move(parsed);
      return true;
    }
    default:
      return false;
  }
}

bool ReadInt(const msgpack::object& o, int64_t& out) {
  if (o.type == msgpack::type::NEGATIVE_INTEGER) {
    out = o.via.i64;
    return true;
  }
  if (o.type == msgpack::type::POSITIVE_INTEGER &&
      o.via.u64 <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    out = static_cast<int64_t>(o.via.u64);
    return true;
  }
  return false;
}

// Decodes a refined unknown value of type `type` from an extension-12 payload. On error
// returns a message (without path).
absl::StatusOr<Value> DecodeRefinedUnknown(const char* payload, size_t size, const Type& type) {
  auto fail = [](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("failed to decode msgpack extension body: ", why));
  };
  // A small zone: the default one allocates 8 KiB up front for every refined unknown.
  msgpack::zone zone(512);
  msgpack::object root;
  try {
    size_t off = 0;
    // Every array or map element takes at least one payload byte, so these limits keep
    // the object tree proportional to the (at most 1 KiB) payload.
    msgpack::unpack_limit limit(size, size, size, size, size, 8);
    root = msgpack::unpack(zone, payload, size, off, nullptr, nullptr, limit);
    // Bytes after the map are ignored, as go-cty does (room for future padding).
  } catch (const std::exception&) {
    return fail("malformed refinement payload");
  }
  if (root.type != msgpack::type::MAP) return fail("not a map");
  // Refinements of an unknown of dynamic type are ignored (go-cty reserves them).
  if (type.IsDynamic()) return Value::UnknownVal(type);

  Refinements r;
  bool is_null = false;
  for (uint32_t i = 0; i < root.via.map.size; ++i) {
    const msgpack::object& key = root.via.map.ptr[i].key;
    const msgpack::object& val = root.via.map.ptr[i].val;
    int64_t code;
    if (!ReadInt(key, code)) return fail("non-integer key in map");
    switch (code) {
      case kRefineNullness:
        if (val.type != msgpack::type::BOOLEAN) return fail("null refinement is not boolean");
        if (val.via.boolean) {
          is_null = true;
        } else {
          r.not_null = true;
        }
        break;
      case kRefineStringPrefix:
        if (type.kind() != TypeKind::kString) {
          return fail("string prefix refinement for non-string type");
        }
        if (val.type != msgpack::type::STR && val.type != msgpack::type::BIN) {
          return fail("string prefix refinement is not string");
        }
        if (!IsValidUtf8(val.via.str.ptr, val.via.str.size)) {
          return fail("string prefix refinement is not valid UTF-8");
        }
        if (val.via.str.size > 0) r.string_prefix.emplace(val.via.str.ptr, val.via.str.size);
        break;
      case kRefineLengthLower:
      case kRefineLengthUpper: {
        if (!type.IsCollection()) return fail("length bound refinement for non-collection type");
        int64_t bound;
        if (!ReadInt(val, bound)) return fail("length bound refinement must be integer");
        if (bound < 0) return fail("length bound refinement must not be negative");
        (code == kRefineLengthLower ? r.length_lower : r.length_upper) = bound;
        break;
      }
      case kRefineNumberLower:
      case kRefineNumberUpper: {
        if (type.kind() != TypeKind::kNumber) {
          return fail("numeric bound refinement for non-number type");
        }
        Number bound;
        bool inclusive;
        if (!ReadNumberBound(val, bound, inclusive)) {
          return fail("number bound refinement must be [number, bool] array");
        }
        if (code == kRefineNumberLower) {
          r.number_lower = std::move(bound);
          r.number_lower_inclusive = inclusive;
        } else {
          r.number_upper = std::move(bound);
          r.number_upper_inclusive = inclusive;
        }
        break;
      }
      default:
        // Unknown keys are ignored so that future refinements stay readable.
        break;
    }
  }
  // Refining an unknown to "definitely null" makes it a known null (cty does the same).
  if (is_null) return Value::NullVal(type);
  if (r.length_lower && r.length_upper && *r.length_lower > *r.length_upper) {
    return fail("length lower bound is greater than upper bound");
  }
  if (r.number_lower && r.number_upper && *r.number_lower > *r.number_upper) {
    return fail("number lower bound is greater than upper bound");
  }
  // The lower length bound 0 says nothing; go-cty never encodes it.
  if (r.length_lower && *r.length_lower == 0) r.length_lower.reset();
  return Value::UnknownVal(type, std::move(r));
}

// ---------------------------------------------------------------------------------------
// Decoder: a msgpack-cxx visitor with an explicit stack of containers under construction.

class Decoder {
 public:
  Decoder(const Type& root, size_t input_size) : root_type_(root), reserve_budget_(input_size) {
    frames_.reserve(16);
    expect_ = &root_type_;
  }

  bool done() const { return done_; }
  Value TakeResult() { return std::move(result_); }
  const absl::Status& error() const { return error_; }
  // The message for a parse that stopped without a visitor error.
  const std::string& syntax_error() const { return syntax_error_; }

  // --- msgpack-cxx visitor interface -------------------------------------------------
  bool visit_nil() {
    if (mode_ != Mode::kValue) return KeyOrTypeJsonError();
    return Deliver(Value::NullVal(*expect_));
  }

  bool visit_boolean(bool v) {
    if (mode_ != Mode::kValue) return KeyOrTypeJsonError();
    if (expect_->kind() != TypeKind::kBool) return Fail(KindRequired(*expect_));
    return Deliver(ValueAccess::KnownBool(v));
  }

  bool visit_positive_integer(uint64_t v) {
    if (mode_ != Mode::kValue) return KeyOrTypeJsonError();
    if (expect_->kind() != TypeKind::kNumber) return Fail(KindRequired(*expect_));
    return Deliver(
        ValueAccess::KnownNumber(v <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                                     ? Number::FromInt64(static_cast<int64_t>(v))
                                     : Number::FromUint64(v)));
  }

  bool visit_negative_integer(int64_t v) {
    if (mode_ != Mode::kValue) return KeyOrTypeJsonError();
    if (expect_->kind() != TypeKind::kNumber) return Fail(KindRequired(*expect_));
    return Deliver(ValueAccess::KnownNumber(Number::FromInt64(v)));
  }

  bool visit_float32(float v) { return visit_float64(static_cast<double>(v)); }

  bool visit_float64(double v) {
    if (mode_ != Mode::kValue) return KeyOrTypeJsonError();
    if (expect_->kind() != TypeKind::kNumber) return Fail(KindRequired(*expect_));
    if (std::isnan(v)) return Fail("a number is required, got NaN");
    return Deliver(ValueAccess::KnownNumber(Number::FromDouble(v)));
  }

  bool visit_str(const char* v, uint32_t size) { return VisitBytes(v, size); }
  bool visit_bin(const char* v, uint32_t size) { return VisitBytes(v, size); }

  // `v` points at the extension type byte; `size` counts it.
  bool visit_ext(const char* v, uint32_t size) {
    if (mode_ != Mode::kValue) return KeyOrTypeJsonError();
    size_t payload_size = size - 1;
    if (payload_size <= 1) return Deliver(Value::UnknownVal(*expect_));
    int8_t ext_type = static_cast<int8_t>(v[0]);
    if (ext_type != kRefinedUnknownExt) {
      return Fail(absl::StrFormat("unsupported extension type 0x%02x with len %d",
                                  static_cast<uint8_t>(ext_type), payload_size));
    }
    if (payload_size > kMaxRefinementBytes) return Fail("oversize unknown value refinement");
    auto value = DecodeRefinedUnknown(v + 1, payload_size, *expect_);
    if (!value.ok()) return Fail(value.status().message());
    return Deliver(*std::move(value));
  }

  bool start_array(uint32_t n) {
    if (mode_ != Mode::kValue) return KeyOrTypeJsonError();
    const Type& t = *expect_;
    FrameKind kind;
    switch (t.kind()) {
      case TypeKind::kList:
        kind = FrameKind::kList;
        break;
      case TypeKind::kSet:
        kind = FrameKind::kSet;
        break;
      case TypeKind::kTuple:
        if (n != t.TupleElementTypes().size()) {
          return Fail(
              absl::StrFormat("a tuple of length %d is required", t.TupleElementTypes().size()));
        }
        kind = FrameKind::kTuple;
        break;
      case TypeKind::kDynamic:
        if (n != 2) return Fail("dynamic value array must have exactly two elements");
        kind = FrameKind::kDynamic;
        break;
      default:
        return Fail(KindRequired(t));
    }
    if (!PushFrame(kind, t, n)) return false;
    if (kind != FrameKind::kDynamic) frames_.back().elements.reserve(frames_.back().reserved);
    return true;
  }

  bool start_array_item() {
    Frame& f = frames_.back();
    switch (f.kind) {
      case FrameKind::kList:
      case FrameKind::kSet:
        expect_ = f.element;
        break;
      case FrameKind::kTuple:
        expect_ = &f.tuple[f.index];
        break;
      case FrameKind::kDynamic:
        if (f.index == 0) {
          mode_ = Mode::kDynamicTypeJson;
          return true;
        }
        expect_ = f.dynamic_type;
        break;
      default:
        break;
    }
    mode_ = Mode::kValue;
    return true;
  }

  bool end_array_item() {
    ++frames_.back().index;
    return true;
  }

  bool end_array() {
    Frame& f = frames_.back();
    Value v;
    switch (f.kind) {
      case FrameKind::kList:
      case FrameKind::kTuple:
        v = ValueAccess::KnownSequence(*f.type, std::move(f.elements));
        break;
      case FrameKind::kSet:
        v = ValueAccess::KnownSet(*f.type, std::move(f.elements));
        break;
      case FrameKind::kDynamic:
        v = std::move(f.elements.front());  // the type JSON delivers no element
        break;
      default:
        break;
    }
    PopFrame();
    return Deliver(std::move(v));
  }

  bool start_map(uint32_t n) {
    if (mode_ != Mode::kValue) return KeyOrTypeJsonError();
    const Type& t = *expect_;
    FrameKind kind;
    if (t.kind() == TypeKind::kMap) {
      kind = FrameKind::kMap;
    } else if (t.kind() == TypeKind::kObject) {
      size_t want = t.AttributeTypes().size();
      if (n != want) {
        return Fail(
            absl::StrFormat("an object with %d attributes is required (%d given)", want, n));
      }
      kind = FrameKind::kObject;
    } else {
      return Fail(KindRequired(t));
    }
    if (!PushFrame(kind, t, n)) return false;
    Frame& f = frames_.back();
    if (kind == FrameKind::kMap) {
      f.map_elements.reserve(f.reserved);
    } else {
      f.elements.reserve(n);  // bounded by the type, not by the input
    }
    return true;
  }

  bool start_map_key() {
    frames_.back().in_value = false;
    mode_ = Mode::kKey;
    return true;
  }
  bool end_map_key() { return true; }

  bool start_map_value() {
    Frame& f = frames_.back();
    f.in_value = true;
    mode_ = Mode::kValue;
    expect_ = f.kind == FrameKind::kMap ? f.element : &f.attrs[f.attr].second;
    return true;
  }

  bool end_map_value() {
    ++frames_.back().index;
    return true;
  }

  bool end_map() {
    Frame& f = frames_.back();
    Value v;
    if (f.kind == FrameKind::kMap) {
      v = ValueAccess::KnownMap(*f.type, SortedMap(std::move(f.map_elements), f.map_sorted));
    } else {
      if (!f.in_order) {
        // Attributes arrived out of order: put each where the type says.
        ValueList ordered(f.elements.size());
        for (size_t i = 0; i < f.elements.size(); ++i) {
          ordered[f.order[i]] = std::move(f.elements[i]);
        }
        f.elements = std::move(ordered);
      }
      v = ValueAccess::KnownSequence(*f.type, std::move(f.elements));
    }
    PopFrame();
    return Deliver(std::move(v));
  }

  void parse_error(size_t /*parsed_offset*/, size_t /*error_offset*/) {
    syntax_error_ = "malformed msgpack: invalid type byte";
  }
  void insufficient_bytes(size_t /*parsed_offset*/, size_t /*error_offset*/) {
    syntax_error_ = "malformed msgpack: unexpected end of data";
  }

 private:
  enum class Mode : uint8_t { kValue, kKey, kDynamicTypeJson };
  enum class FrameKind : uint8_t { kList, kSet, kTuple, kMap, kObject, kDynamic };

  struct Frame {
    FrameKind kind;
    const Type* type;  // the container's type (the dynamic slot's for kDynamic)
    // Parts of `type`, looked up once per container rather than once per element.
    const Type* element = nullptr;                        // list, set, map
    const Type* tuple = nullptr;                          // tuple element types
    const std::pair<std::string, Type>* attrs = nullptr;  // object attributes
    uint32_t size;                                        // declared element or pair count
    uint32_t index = 0;                                   // the element or pair being read
    size_t reserved = 0;
    bool in_value = false;               // map/object: reading a value (not a key)
    int attr = -1;                       // object: index of the current attribute
    bool in_order = true;                // object: attributes so far arrived in type order
    bool map_sorted = true;              // map: keys so far arrived sorted
    ValueList elements;                  // list, set, tuple; object attributes in arrival order
    std::vector<int> order;              // object, when !in_order: attribute index per element
    std::vector<bool> seen;              // object, when !in_order: attributes already read
    ValueMap map_elements;               // map
    std::string key;                     // map: the current key
    const Type* dynamic_type = nullptr;  // dynamic: the type read from the first element

    Frame(FrameKind k, const Type* t, uint32_t n) : kind(k), type(t), size(n) {}
  };

  bool PushFrame(FrameKind kind, const Type& type, uint32_t n) {
    if (frames_.size() >= kMaxDepth) {
      return Fail(absl::StrFormat("nesting exceeds %d levels", kMaxDepth));
    }
    frames_.emplace_back(kind, &type, n);
    Frame& f = frames_.back();
    switch (kind) {
      case FrameKind::kList:
      case FrameKind::kSet:
      case FrameKind::kMap:
        f.element = &type.ElementType();
        break;
      case FrameKind::kTuple:
        f.tuple = type.TupleElementTypes().data();
        break;
      case FrameKind::kObject:
        f.attrs = type.AttributeTypes().data();
        break;
      case FrameKind::kDynamic:
        break;
    }
    // Each declared element needs at least one input byte, so the elements reserved by
    // all open containers together never exceed the input size.
    size_t r = std::min<size_t>(n, reserve_budget_);
    reserve_budget_ -= r;
    f.reserved = r;
    return true;
  }

  void PopFrame() {
    reserve_budget_ += frames_.back().reserved;
    frames_.pop_back();
  }

  // Hands a finished value to the enclosing container, or makes it the result.
  bool Deliver(Value v) {
    if (frames_.empty()) {
      result_ = std::move(v);
      done_ = true;
      return true;
    }
    Frame& f = frames_.back();
    switch (f.kind) {
      case FrameKind::kMap:
        f.map_elements.emplace_back(std::move(f.key), std::move(v));
        break;
      default:
        f.elements.push_back(std::move(v));
        break;
    }
    return true;
  }

  bool VisitBytes(const char* v, uint32_t size) {
    switch (mode_) {
      case Mode::kValue:
        switch (expect_->kind()) {
          case TypeKind::kString:
            if (!IsValidUtf8(v, size)) return Fail("a string is required: invalid UTF-8");
            return Deliver(ValueAccess::KnownString(std::string(v, size)));
          case TypeKind::kNumber: {
            auto n = Number::Parse(std::string_view(v, size));
            if (!n.ok()) return Fail("a number is required");
            return Deliver(ValueAccess::KnownNumber(*std::move(n)));
          }
          default:
            return Fail(KindRequired(*expect_));
        }
      case Mode::kKey:
        return VisitKey(v, size);
      case Mode::kDynamicTypeJson:
        return VisitTypeJson(v, size);
    }
    return false;
  }

  bool VisitKey(const char* v, uint32_t size) {
    Frame& f = frames_.back();
    std::string_view key(v, size);
    if (f.kind == FrameKind::kMap) {
      if (!IsValidUtf8(v, size)) return Fail("map key is not valid UTF-8");
      if (f.map_sorted && !f.map_elements.empty() && !(f.map_elements.back().first < key)) {
        f.map_sorted = false;
      }
      f.key.assign(v, size);
      return true;
    }
    // Object: go-cty writes attributes sorted by name, so the next attribute in type
    // order is almost always the one that arrives. A key that names an attribute is valid
    // UTF-8 because the name is; any other key is an error anyway.
    const std::pair<std::string, Type>* attrs = f.attrs;
    int next = f.attr + 1;
    int idx;
    if (f.in_order && next < static_cast<int>(f.size) && SameBytes(attrs[next].first, v, size)) {
      idx = next;
    } else {
      idx = f.type->AttributeIndex(key);
      if (idx < 0) {
        return Fail(absl::StrCat("unsupported attribute \"",
                                 absl::CHexEscape(absl::string_view(key.data(), key.size())),
                                 "\""));
      }
      if (f.in_order) {
        // While in order, element i holds attribute i; from now on record positions.
        f.in_order = false;
        f.seen.assign(f.size, false);
        f.order.reserve(f.size);
        for (size_t i = 0; i < f.elements.size(); ++i) {
          f.order.push_back(static_cast<int>(i));
          f.seen[i] = true;
        }
      }
    }
    if (!f.in_order) {
      if (f.seen[idx]) {
        return Fail(absl::StrCat("duplicate attribute \"",
                                 absl::CHexEscape(absl::string_view(key.data(), key.size())),
                                 "\""));
      }
      f.seen[idx] = true;
      f.order.push_back(idx);
    }
    f.attr = idx;
    return true;
  }

  bool VisitTypeJson(const char* v, uint32_t size) {
    Frame& f = frames_.back();
    auto type = Type::FromJson(std::string_view(v, size));
    if (!type.ok()) {
      return Fail(absl::StrCat("invalid dynamic value type: ", type.status().message()));
    }
    // Types are kept for the whole decode so that pointers to them stay valid.
    dynamic_types_.push_back(std::make_unique<Type>(ValueTypeOf(*type)));
    f.dynamic_type = dynamic_types_.back().get();
    return true;
  }

  bool KeyOrTypeJsonError() {
    if (mode_ == Mode::kKey) {
      return Fail(frames_.back().kind == FrameKind::kObject ? "all keys must be strings"
                                                            : "map keys must be strings");
    }
    return Fail("dynamic value type must be a JSON type string");
  }

  // Map elements sorted by key; for a repeated key the last one wins, as in go-cty.
  static ValueMap SortedMap(ValueMap m, bool sorted) {
    if (sorted) return m;
    std::stable_sort(m.begin(), m.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    size_t out = 0;
    for (size_t i = 0; i < m.size(); ++i) {
      if (i + 1 < m.size() && m[i].first == m[i + 1].first) continue;
      if (out != i) m[out] = std::move(m[i]);
      ++out;
    }
    m.resize(out);
    return m;
  }

  // The Terraform-style path of the value being read. A path into a set stops at the set.
  Path CurrentPath() const {
    std::vector<PathStep> steps;
    for (const Frame& f : frames_) {
      switch (f.kind) {
        case FrameKind::kList:
        case FrameKind::kTuple:
          steps.push_back(PathStep::IntKey(f.index));
          break;
        case FrameKind::kSet:
          return Path(std::move(steps));
        case FrameKind::kMap:
          if (!f.in_value) return Path(std::move(steps));
          steps.push_back(PathStep::StringKey(f.key));
          break;
        case FrameKind::kObject:
          if (!f.in_value) return Path(std::move(steps));
          steps.push_back(PathStep::Attribute(f.attrs[f.attr].first));
          break;
        case FrameKind::kDynamic:
          if (f.index == 0) return Path(std::move(steps));
          break;
      }
    }
    return Path(std::move(steps));
  }

  bool Fail(absl::string_view message) {
    if (error_.ok()) error_ = PathError(CurrentPath(), message);
    return false;
  }

  Type root_type_;
  const Type* expect_;
  Mode mode_ = Mode::kValue;
  std::vector<Frame> frames_;
  std::vector<std::unique_ptr<Type>> dynamic_types_;
  size_t reserve_budget_;
  Value result_;
  bool done_ = false;
  absl::Status error_;
  std::string syntax_error_;
};

// ---------------------------------------------------------------------------------------
// Encoder

// A msgpack-cxx stream over a std::string. Writes are inline copies into spare capacity;
// the string grows geometrically and is cut to length by Take().
class StringSink {
 public:
  explicit StringSink(size_t initial) { buf_.resize(initial); }

  ABSL_ATTRIBUTE_ALWAYS_INLINE void write(const char* data, size_t size) {
    if (ABSL_PREDICT_FALSE(buf_.size() - len_ < size)) Grow(size);
    std::memcpy(buf_.data() + len_, data, size);
    len_ += size;
  }

  std::string Take() {
    buf_.resize(len_);
    return std::move(buf_);
  }

 private:
  ABSL_ATTRIBUTE_NOINLINE void Grow(size_t need) {
    buf_.resize(std::max(buf_.size() * 2, len_ + need));
  }

  std::string buf_;
  size_t len_ = 0;
};

// A path kept on the C++ stack while encoding; only turned into a Path on error.
struct PathNode {
  const PathNode* parent;
  PathStep::Kind kind;
  std::string_view name;
  int64_t index;
};

Path ToPath(const PathNode* node) {
  std::vector<PathStep> steps;
  for (; node != nullptr; node = node->parent) {
    switch (node->kind) {
      case PathStep::Kind::kAttribute:
        steps.push_back(PathStep::Attribute(std::string(node->name)));
        break;
      case PathStep::Kind::kStringKey:
        steps.push_back(PathStep::StringKey(std::string(node->name)));
        break;
      case PathStep::Kind::kIntKey:
        steps.push_back(PathStep::IntKey(node->index));
        break;
    }
  }
  std::reverse(steps.begin(), steps.end());
  return Path(std::move(steps));
}

// True if a value of type `have` may stand where `want` is expected: Dynamic on either
// side accepts anything (a null or unknown of dynamic type fits every slot, as in cty),
// otherwise kinds match recursively. Optional-attribute markers are ignored.
bool TypeFits(const Type& have, const Type& want) {
  if (want.IsDynamic() || have.IsDynamic()) return true;
  if (have.kind() != want.kind()) return false;
  switch (want.kind()) {
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kMap:
      return TypeFits(have.ElementType(), want.ElementType());
    case TypeKind::kObject: {
      const auto& a = have.AttributeTypes();
      const auto& b = want.AttributeTypes();
      if (&a == &b) return true;
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].first != b[i].first || !TypeFits(a[i].second, b[i].second)) return false;
      }
      return true;
    }
    case TypeKind::kTuple: {
      const auto& a = have.TupleElementTypes();
      const auto& b = want.TupleElementTypes();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!TypeFits(a[i], b[i])) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

class Encoder {
 public:
  explicit Encoder(StringSink* sink) : sink_(sink), packer_(*sink) {}

  // Encodes `v` as type `t`; on failure returns false and error() says why.
  bool Encode(const Value& v, const Type& t, const PathNode* path, size_t depth) {
    const TypeKind want = t.kind();
    const TypeKind have = v.type().kind();
    if (want == TypeKind::kDynamic) {
      if (have == TypeKind::kDynamic) {
        // Only a null or an unknown can have the dynamic type itself; it carries no type
        // on the wire and never has refinements.
        if (v.IsNull()) {
          packer_.pack_nil();
        } else if (v.IsUnknown()) {
          PackWhollyUnknown();
        } else {
          return Error(path, "a known value must have a concrete type");
        }
        return true;
      }
      if (depth >= kMaxDepth) {
        return Error(path, absl::StrFormat("nesting exceeds %d levels", kMaxDepth));
      }
      std::string type_json = v.type().ToJson();
      packer_.pack_array(2);
      packer_.pack_bin(static_cast<uint32_t>(type_json.size()));
      packer_.pack_bin_body(type_json.data(), static_cast<uint32_t>(type_json.size()));
      return Encode(v, v.type(), path, depth + 1);
    }
    if (!v.IsKnown()) {
      if (v.type() != t && !TypeFits(v.type(), t)) return Mismatch(v, t, path);
      if (v.IsNull()) {
        packer_.pack_nil();
      } else {
        PackUnknown(v);
      }
      return true;
    }
    if (have != want) return Mismatch(v, t, path);
    switch (want) {
      case TypeKind::kBool:
        if (v.AsBool()) {
          packer_.pack_true();
        } else {
          packer_.pack_false();
        }
        return true;
      case TypeKind::kNumber:
        PackNumber(v.AsNumber());
        return true;
      case TypeKind::kString:
        PackStr(v.AsString());
        return true;
      default:
        break;
    }
    if (depth >= kMaxDepth) {
      return Error(path, absl::StrFormat("nesting exceeds %d levels", kMaxDepth));
    }
    switch (want) {
      case TypeKind::kList:
      case TypeKind::kSet: {
        const ValueList& elems = v.Elements();
        if (elems.empty() && v.type() != t && !TypeFits(v.type(), t)) {
          return Mismatch(v, t, path);
        }
        packer_.pack_array(static_cast<uint32_t>(elems.size()));
        const Type& et = t.ElementType();
        const bool is_set = want == TypeKind::kSet;
        for (size_t i = 0; i < elems.size(); ++i) {
          // Set elements have no path step of their own.
          PathNode node{path, PathStep::Kind::kIntKey, {}, static_cast<int64_t>(i)};
          if (!Encode(elems[i], et, is_set ? path : &node, depth + 1)) return false;
        }
        return true;
      }
      case TypeKind::kMap: {
        const ValueMap& elems = v.MapElements();
        if (elems.empty() && v.type() != t && !TypeFits(v.type(), t)) {
          return Mismatch(v, t, path);
        }
        packer_.pack_map(static_cast<uint32_t>(elems.size()));
        const Type& et = t.ElementType();
        for (const auto& [key, elem] : elems) {
          PathNode node{path, PathStep::Kind::kStringKey, key, 0};
          PackStr(key);
          if (!Encode(elem, et, &node, depth + 1)) return false;
        }
        return true;
      }
      case TypeKind::kTuple: {
        const ValueList& elems = v.Elements();
        const auto& types = t.TupleElementTypes();
        if (elems.size() != types.size()) return Mismatch(v, t, path);
        packer_.pack_array(static_cast<uint32_t>(elems.size()));
        for (size_t i = 0; i < elems.size(); ++i) {
          PathNode node{path, PathStep::Kind::kIntKey, {}, static_cast<int64_t>(i)};
          if (!Encode(elems[i], types[i], &node, depth + 1)) return false;
        }
        return true;
      }
      case TypeKind::kObject: {
        const auto& want_attrs = t.AttributeTypes();
        const auto& have_attrs = v.type().AttributeTypes();
        if (&have_attrs != &want_attrs) {
          if (have_attrs.size() != want_attrs.size()) return Mismatch(v, t, path);
          for (size_t i = 0; i < want_attrs.size(); ++i) {
            if (have_attrs[i].first != want_attrs[i].first) return Mismatch(v, t, path);
          }
        }
        const ValueList& elems = v.Elements();
        packer_.pack_map(static_cast<uint32_t>(want_attrs.size()));
        for (size_t i = 0; i < want_attrs.size(); ++i) {
          PathNode node{path, PathStep::Kind::kAttribute, want_attrs[i].first, 0};
          PackStr(want_attrs[i].first);
          if (!Encode(elems[i], want_attrs[i].second, &node, depth + 1)) return false;
        }
        return true;
      }
      default:
        return Mismatch(v, t, path);
    }
  }

  const absl::Status& error() const { return error_; }

 private:
  bool Error(const PathNode* path, absl::string_view message) {
    error_ = PathError(ToPath(path), message);
    return false;
  }

  bool Mismatch(const Value& v, const Type& t, const PathNode* path) {
    return Error(path, absl::StrCat(KindRequired(t), ", got ", v.type().FriendlyName()));
  }

  void PackStr(const std::string& s) {
    packer_.pack_str(static_cast<uint32_t>(s.size()));
    sink_->write(s.data(), s.size());
  }

  void PackWhollyUnknown() {
    static constexpr char kBytes[] = {'\xd4', '\x00', '\x00'};
    sink_->write(kBytes, sizeof(kBytes));
  }

  void PackNumber(const Number& n) {
    if (auto i = n.ToInt64()) {
      packer_.pack_int64(*i);
    } else if (n.IsInfinite()) {
      PackFloat64(n.IsNegative() ? -std::numeric_limits<double>::infinity()
                                 : std::numeric_limits<double>::infinity());
    } else if (auto d = n.ToExactDouble()) {
      PackFloat64(*d);
    } else {
      PackStr(n.ToString());
    }
  }

  // Always the 9-byte float64 form, as go-cty writes it. msgpack-cxx's pack_double is not
  // used because it turns whole-valued doubles (2^63, 2^64, ...) into integers.
  void PackFloat64(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    char buf[9];
    buf[0] = static_cast<char>(0xcb);
    for (int i = 0; i < 8; ++i) buf[1 + i] = static_cast<char>(bits >> (56 - 8 * i));
    sink_->write(buf, sizeof(buf));
  }

  // Refinements as go-cty writes them: only the keys that apply to the value's type, in
  // key order, with the lower length bound omitted when it is 0; none at all → d4 00 00.
  void PackUnknown(const Value& v) {
    const Type& t = v.type();
    if (t.IsDynamic()) {
      PackWhollyUnknown();
      return;
    }
    const Refinements& r = v.refinements();
    StringSink body_sink(64);
    Encoder body(&body_sink);
    msgpack::packer<StringSink>& p = body.packer_;
    uint32_t count = 0;
    if (r.not_null) {
      p.pack_int64(kRefineNullness);
      p.pack_false();
      ++count;
    }
    auto bound = [&](int64_t key, const Number& n, bool inclusive) {
      p.pack_int64(key);
      p.pack_array(2);
      body.PackNumber(n);
      if (inclusive) {
        p.pack_true();
      } else {
        p.pack_false();
      }
      ++count;
    };
    switch (t.kind()) {
      case TypeKind::kNumber:
        if (r.number_lower) bound(kRefineNumberLower, *r.number_lower, r.number_lower_inclusive);
        if (r.number_upper) bound(kRefineNumberUpper, *r.number_upper, r.number_upper_inclusive);
        break;
      case TypeKind::kString:
        if (r.string_prefix && !r.string_prefix->empty()) {
          p.pack_int64(kRefineStringPrefix);
          body.PackStr(*r.string_prefix);
          ++count;
        }
        break;
      case TypeKind::kList:
      case TypeKind::kSet:
      case TypeKind::kMap:
        if (r.length_lower && *r.length_lower != 0) {
          p.pack_int64(kRefineLengthLower);
          p.pack_int64(*r.length_lower);
          ++count;
        }
        if (r.length_upper) {
          p.pack_int64(kRefineLengthUpper);
          p.pack_int64(*r.length_upper);
          ++count;
        }
        break;
      default:
        break;
    }
    if (count == 0) {
      PackWhollyUnknown();
      return;
    }
    std::string payload = body_sink.Take();
    StringSink header_sink(8);
    msgpack::packer<StringSink>(header_sink).pack_map(count);
    std::string header = header_sink.Take();
    packer_.pack_ext(header.size() + payload.size(), kRefinedUnknownExt);
    sink_->write(header.data(), header.size());
    sink_->write(payload.data(), payload.size());
  }

  StringSink* sink_;
  msgpack::packer<StringSink> packer_;
  absl::Status error_;
};

}  // namespace

absl::StatusOr<Value> DecodeMsgpack(std::string_view data, const Type& type) {
  try {
    Decoder decoder(ValueTypeOf(type), data.size());
    size_t off = 0;
    bool ok = msgpack::v2::parse(data.data(), data.size(), off, decoder);
    if (!decoder.error().ok()) return decoder.error();
    if (!ok || !decoder.done()) {
      const std::string& why = decoder.syntax_error();
      return absl::InvalidArgumentError(why.empty() ? "malformed msgpack" : why);
    }
    if (off != data.size()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "malformed msgpack: %d unexpected bytes after the value", data.size() - off));
    }
    return decoder.TakeResult();
  } catch (const std::exception& e) {
    // Allocation failure or a broken invariant elsewhere: report, never crash.
    return absl::InternalError(absl::StrCat("msgpack decoding failed: ", e.what()));
  }
}

absl::StatusOr<std::string> EncodeMsgpack(const Value& value, const Type& type) {
  try {
    StringSink sink(256);
    Encoder encoder(&sink);
    if (!encoder.Encode(value, type, nullptr, 0)) return encoder.error();
    return sink.Take();
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("msgpack encoding failed: ", e.what()));
  }
}

}  // namespace tfsdk::internal
