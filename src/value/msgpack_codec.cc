// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The cty msgpack codec. Wire rules (docs/PROTOCOL.md §4, go-cty cty/msgpack):
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
// Decoding reads the msgpack bytes directly, guided by the expected type (a recursive
// descent; msgpack-cxx's visitor API cost more than the whole budget, see Decoder): no
// msgpack object tree is built, memory reserved for declared lengths is bounded by the
// input size, and nesting is limited to kMaxDepth. Encoding and the small refinement
// payloads use msgpack-cxx.
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

// Equality of a short attribute name with key bytes, inline and a word at a time: a call
// into libc's memcmp, or a byte loop, costs more than the few loads of a typical name.
inline bool SameBytes(const std::string& name, const char* key, size_t size) {
  if (name.size() != size) return false;
  const char* n = name.data();
  auto word_at = [](const char* p, size_t i, auto w) {
    std::memcpy(&w, p + i, sizeof(w));
    return w;
  };
  if (size >= 8) {
    // Whole words, then the last (possibly overlapping) word.
    for (size_t i = 0; i + 8 < size; i += 8) {
      if (word_at(n, i, uint64_t{}) != word_at(key, i, uint64_t{})) return false;
    }
    return word_at(n, size - 8, uint64_t{}) == word_at(key, size - 8, uint64_t{});
  }
  if (size >= 4) {
    return word_at(n, 0, uint32_t{}) == word_at(key, 0, uint32_t{}) &&
           word_at(n, size - 4, uint32_t{}) == word_at(key, size - 4, uint32_t{});
  }
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
// Paths kept on the C++ stack while decoding or encoding; only turned into a Path on error.

struct PathNode {
  const PathNode* parent;
  PathStep::Kind kind;
  std::string_view name;
  int64_t index;
  // A set element: set elements have no path step, and an error anywhere inside one is
  // reported at the set (Terraform cannot address a set element).
  bool set_element = false;
};

Path ToPath(const PathNode* node) {
  std::vector<PathStep> steps;
  for (; node != nullptr; node = node->parent) {
    if (node->set_element) {
      steps.clear();
      continue;
    }
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

// ---------------------------------------------------------------------------------------
// Decoder: a recursive-descent msgpack reader guided by the expected type.
//
// The expected type says what each byte must be, so the reader dispatches once per value
// on (type kind, first byte) and builds the Value at once; the C++ stack holds the
// containers under construction and the path. Measured against the msgpack-cxx visitor
// it replaces (same Values built): see bench/README.md.

// msgpack first bytes.
constexpr uint8_t kNil = 0xc0;
constexpr uint8_t kFalse = 0xc2;
constexpr uint8_t kTrue = 0xc3;

inline uint16_t Load16(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<uint16_t>((u[0] << 8) | u[1]);
}
inline uint32_t Load32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | u[3];
}
inline uint64_t Load64(const char* p) { return (uint64_t{Load32(p)} << 32) | Load32(p + 4); }

// The extension family: fixext 1/2/4/8/16 and ext 8/16/32.
inline bool IsExt(uint8_t b) { return (b >= 0xd4 && b <= 0xd8) || (b >= 0xc7 && b <= 0xc9); }

// What a Take* step found at the read position.
enum class Take : uint8_t {
  kTaken,     // the token was of the wanted family and is consumed
  kOther,     // a token of another family; nothing consumed
  kTruncated  // a token of the wanted family that the input cuts short
};

class Decoder {
 public:
  Decoder(const char* data, size_t size)
      : p_(data), end_(data + size), reserve_budget_(size) {}

  // Reads one value of type `t` (free of optional-attribute markers) into `*out`, which
  // must be a ValueAccess::Placeholder(). `path` is the value's path, `depth` the number
  // of enclosing containers.
  bool Read(const Type& t, const PathNode* path, size_t depth, Value* out) {
    if (ABSL_PREDICT_FALSE(p_ == end_)) return Truncated();
    const uint8_t b = static_cast<uint8_t>(*p_);
    if (b == kNil) {
      ++p_;
      *out = Value::NullVal(t);
      return true;
    }
    if (ABSL_PREDICT_FALSE(IsExt(b))) return ReadExt(t, path, out);
    switch (t.kind()) {
      case TypeKind::kString:
        return ReadString(b, t, path, out);
      case TypeKind::kNumber:
        return ReadNumber(b, t, path, out);
      case TypeKind::kBool:
        if (b == kTrue || b == kFalse) {
          ++p_;
          ValueAccess::SetBool(out, b == kTrue);
          return true;
        }
        return Mismatch(t, path);
      case TypeKind::kList:
      case TypeKind::kSet:
        return ReadList(t, path, depth, out);
      case TypeKind::kTuple:
        return ReadTuple(t, path, depth, out);
      case TypeKind::kMap:
        return ReadMap(t, path, depth, out);
      case TypeKind::kObject:
        return ReadObject(t, path, depth, out);
      case TypeKind::kDynamic:
        return ReadDynamic(path, depth, out);
    }
    return Mismatch(t, path);
  }

  bool at_end() const { return p_ == end_; }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  const absl::Status& error() const { return error_; }

 private:
  // --- Errors ------------------------------------------------------------------------

  ABSL_ATTRIBUTE_NOINLINE bool Truncated() {
    error_ = absl::InvalidArgumentError("malformed msgpack: unexpected end of data");
    return false;
  }

  ABSL_ATTRIBUTE_NOINLINE bool Fail(const PathNode* path, absl::string_view message) {
    error_ = PathError(ToPath(path), message);
    return false;
  }

  // The value at the read position is not what `t` needs. Reports it as msgpack-cxx's
  // parser would meet it: first a reserved byte or a token cut short by the end of the
  // input, then the type error.
  ABSL_ATTRIBUTE_NOINLINE bool Mismatch(const Type& t, const PathNode* path) {
    return WrongToken(path, KindRequired(t));
  }

  ABSL_ATTRIBUTE_NOINLINE bool WrongToken(const PathNode* path, absl::string_view message) {
    if (static_cast<uint8_t>(*p_) == 0xc1) {
      error_ = absl::InvalidArgumentError("malformed msgpack: invalid type byte");
      return false;
    }
    if (!TokenComplete()) return Truncated();
    return Fail(path, message);
  }

  // Whether the scalar at the read position (with its payload), or the header of the
  // container there, lies within the input.
  bool TokenComplete() const {
    const uint8_t b = static_cast<uint8_t>(*p_);
    const size_t avail = remaining();
    size_t header = 1;
    uint64_t payload = 0;
    if (b <= 0x7f || b >= 0xe0 || (b >= 0x80 && b <= 0x9f) || b == kNil || b == kFalse ||
        b == kTrue) {
      header = 1;
    } else if (b >= 0xa0 && b <= 0xbf) {
      payload = b & 0x1f;
    } else {
      switch (b) {
        case 0xcc: case 0xd0: header = 2; break;
        case 0xcd: case 0xd1: case 0xdc: case 0xde: header = 3; break;
        case 0xce: case 0xd2: case 0xca: case 0xdd: case 0xdf: header = 5; break;
        case 0xcf: case 0xd3: case 0xcb: header = 9; break;
        case 0xd9: case 0xc4: header = 2; break;
        case 0xda: case 0xc5: header = 3; break;
        case 0xdb: case 0xc6: header = 5; break;
        case 0xd4: header = 2; payload = 1; break;
        case 0xd5: header = 2; payload = 2; break;
        case 0xd6: header = 2; payload = 4; break;
        case 0xd7: header = 2; payload = 8; break;
        case 0xd8: header = 2; payload = 16; break;
        case 0xc7: header = 3; break;
        case 0xc8: header = 4; break;
        case 0xc9: header = 6; break;
        default: break;
      }
      if (avail < header) return false;
      switch (b) {
        case 0xd9: case 0xc4: case 0xc7:
          payload = static_cast<uint8_t>(p_[1]);
          break;
        case 0xda: case 0xc5: case 0xc8:
          payload = Load16(p_ + 1);
          break;
        case 0xdb: case 0xc6: case 0xc9:
          payload = Load32(p_ + 1);
          break;
        default:
          break;
      }
    }
    return avail >= header && avail - header >= payload;
  }

  // --- Scalars -----------------------------------------------------------------------

  // If a str or bin starts at the read position (its first byte is `b`), consumes it and
  // sets `data` and `size` to its payload.
  ABSL_ATTRIBUTE_ALWAYS_INLINE Take TakeBytes(uint8_t b, const char*& data, size_t& size) {
    size_t header;
    size_t len;
    const size_t avail = remaining();
    if ((b & 0xe0) == 0xa0) {
      header = 1;
      len = b & 0x1f;
    } else {
      switch (b) {
        case 0xd9:
        case 0xc4:
          if (avail < 2) return Take::kTruncated;
          header = 2;
          len = static_cast<uint8_t>(p_[1]);
          break;
        case 0xda:
        case 0xc5:
          if (avail < 3) return Take::kTruncated;
          header = 3;
          len = Load16(p_ + 1);
          break;
        case 0xdb:
        case 0xc6:
          if (avail < 5) return Take::kTruncated;
          header = 5;
          len = Load32(p_ + 1);
          break;
        default:
          return Take::kOther;
      }
    }
    if (ABSL_PREDICT_FALSE(avail - header < len)) return Take::kTruncated;
    data = p_ + header;
    size = len;
    p_ += header + len;
    return Take::kTaken;
  }

  bool ReadString(uint8_t b, const Type& t, const PathNode* path, Value* out) {
    const char* data = nullptr;
    size_t size = 0;
    if (Take r = TakeBytes(b, data, size); ABSL_PREDICT_FALSE(r != Take::kTaken)) {
      return r == Take::kTruncated ? Truncated() : Mismatch(t, path);
    }
    if (ABSL_PREDICT_FALSE(!IsValidUtf8(data, size))) {
      return Fail(path, "a string is required: invalid UTF-8");
    }
    ValueAccess::SetString(out, data, size);
    return true;
  }

  bool ReadNumber(uint8_t b, const Type& t, const PathNode* path, Value* out) {
    if (b <= 0x7f) {
      ++p_;
      ValueAccess::SetInt(out, b);
      return true;
    }
    if (b >= 0xe0) {
      ++p_;
      ValueAccess::SetInt(out, static_cast<int8_t>(b));
      return true;
    }
    const size_t avail = remaining();
    switch (b) {
      case 0xcc:
      case 0xd0:
        if (avail < 2) return Truncated();
        ValueAccess::SetInt(out, b == 0xcc ? int64_t{static_cast<uint8_t>(p_[1])}
                                           : int64_t{static_cast<int8_t>(p_[1])});
        p_ += 2;
        return true;
      case 0xcd:
      case 0xd1: {
        if (avail < 3) return Truncated();
        uint16_t u = Load16(p_ + 1);
        ValueAccess::SetInt(out, b == 0xcd ? int64_t{u} : int64_t{static_cast<int16_t>(u)});
        p_ += 3;
        return true;
      }
      case 0xce:
      case 0xd2: {
        if (avail < 5) return Truncated();
        uint32_t u = Load32(p_ + 1);
        ValueAccess::SetInt(out, b == 0xce ? int64_t{u} : int64_t{static_cast<int32_t>(u)});
        p_ += 5;
        return true;
      }
      case 0xcf: {
        if (avail < 9) return Truncated();
        uint64_t u = Load64(p_ + 1);
        if (u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
          ValueAccess::SetInt(out, static_cast<int64_t>(u));
        } else {
          ValueAccess::SetNumber(out, Number::FromUint64(u));
        }
        p_ += 9;
        return true;
      }
      case 0xd3: {
        if (avail < 9) return Truncated();
        ValueAccess::SetInt(out, static_cast<int64_t>(Load64(p_ + 1)));
        p_ += 9;
        return true;
      }
      case 0xca: {
        if (avail < 5) return Truncated();
        uint32_t bits = Load32(p_ + 1);
        float f;
        std::memcpy(&f, &bits, sizeof(f));
        return ReadDouble(static_cast<double>(f), 5, path, out);
      }
      case 0xcb: {
        if (avail < 9) return Truncated();
        uint64_t bits = Load64(p_ + 1);
        double d;
        std::memcpy(&d, &bits, sizeof(d));
        return ReadDouble(d, 9, path, out);
      }
      default: {
        // A number that is not an exact int64 or double arrives as its decimal text.
        const char* data = nullptr;
        size_t size = 0;
        if (Take r = TakeBytes(b, data, size); r != Take::kTaken) {
          return r == Take::kTruncated ? Truncated() : Mismatch(t, path);
        }
        auto n = Number::Parse(std::string_view(data, size));
        if (!n.ok()) return Fail(path, "a number is required");
        ValueAccess::SetNumber(out, *std::move(n));
        return true;
      }
    }
  }

  bool ReadDouble(double d, size_t token_size, const PathNode* path, Value* out) {
    if (ABSL_PREDICT_FALSE(std::isnan(d))) return Fail(path, "a number is required, got NaN");
    p_ += token_size;
    ValueAccess::SetNumber(out, Number::FromDouble(d));
    return true;
  }

  // Any extension is an unknown value: a payload of at most one byte is wholly unknown,
  // extension 12 carries refinements.
  ABSL_ATTRIBUTE_NOINLINE bool ReadExt(const Type& t, const PathNode* path, Value* out) {
    if (!TokenComplete()) return Truncated();
    const uint8_t b = static_cast<uint8_t>(*p_);
    size_t header;
    size_t payload_size;
    switch (b) {
      case 0xd4: header = 2; payload_size = 1; break;
      case 0xd5: header = 2; payload_size = 2; break;
      case 0xd6: header = 2; payload_size = 4; break;
      case 0xd7: header = 2; payload_size = 8; break;
      case 0xd8: header = 2; payload_size = 16; break;
      case 0xc7: header = 3; payload_size = static_cast<uint8_t>(p_[1]); break;
      case 0xc8: header = 4; payload_size = Load16(p_ + 1); break;
      default: header = 6; payload_size = Load32(p_ + 1); break;
    }
    const int8_t ext_type = static_cast<int8_t>(p_[header - 1]);
    const char* payload = p_ + header;
    if (payload_size <= 1) {
      p_ = payload + payload_size;
      *out = Value::UnknownVal(t);
      return true;
    }
    if (ext_type != kRefinedUnknownExt) {
      return Fail(path, absl::StrFormat("unsupported extension type 0x%02x with len %d",
                                        static_cast<uint8_t>(ext_type), payload_size));
    }
    if (payload_size > kMaxRefinementBytes) return Fail(path, "oversize unknown value refinement");
    auto value = DecodeRefinedUnknown(payload, payload_size, t);
    if (!value.ok()) return Fail(path, value.status().message());
    p_ = payload + payload_size;
    *out = *std::move(value);
    return true;
  }

  // --- Containers --------------------------------------------------------------------


  // If an array header is at the read position, consumes it and sets `n` to its length.
  ABSL_ATTRIBUTE_ALWAYS_INLINE Take TakeArrayHeader(uint32_t& n) {
    const uint8_t b = static_cast<uint8_t>(*p_);
    if ((b & 0xf0) == 0x90) {
      n = b & 0x0f;
      ++p_;
      return Take::kTaken;
    }
    if (b == 0xdc) {
      if (remaining() < 3) return Take::kTruncated;
      n = Load16(p_ + 1);
      p_ += 3;
      return Take::kTaken;
    }
    if (b == 0xdd) {
      if (remaining() < 5) return Take::kTruncated;
      n = Load32(p_ + 1);
      p_ += 5;
      return Take::kTaken;
    }
    return Take::kOther;
  }

  // If a map header is at the read position, consumes it and sets `n` to its pair count.
  ABSL_ATTRIBUTE_ALWAYS_INLINE Take TakeMapHeader(uint32_t& n) {
    const uint8_t b = static_cast<uint8_t>(*p_);
    if ((b & 0xf0) == 0x80) {
      n = b & 0x0f;
      ++p_;
      return Take::kTaken;
    }
    if (b == 0xde) {
      if (remaining() < 3) return Take::kTruncated;
      n = Load16(p_ + 1);
      p_ += 3;
      return Take::kTaken;
    }
    if (b == 0xdf) {
      if (remaining() < 5) return Take::kTruncated;
      n = Load32(p_ + 1);
      p_ += 5;
      return Take::kTaken;
    }
    return Take::kOther;
  }

  bool CheckDepth(size_t depth, const PathNode* path) {
    if (ABSL_PREDICT_FALSE(depth >= kMaxDepth)) {
      return Fail(path, absl::StrFormat("nesting exceeds %d levels", kMaxDepth));
    }
    return true;
  }

  // Each declared element needs at least one input byte, so what the open containers
  // reserve together never exceeds the input size, whatever lengths the input claims.
  size_t TakeReserve(uint32_t n) {
    size_t r = std::min<size_t>(n, reserve_budget_);
    reserve_budget_ -= r;
    return r;
  }

  ABSL_ATTRIBUTE_NOINLINE bool ReadList(const Type& t, const PathNode* path, size_t depth, Value* out) {
    uint32_t n;
    if (Take r = TakeArrayHeader(n); r != Take::kTaken) {
      return r == Take::kTruncated ? Truncated() : Mismatch(t, path);
    }
    if (!CheckDepth(depth, path)) return false;
    const bool is_set = t.kind() == TypeKind::kSet;
    const Type& et = t.ElementType();
    const size_t reserved = TakeReserve(n);
    ValueList elements;
    elements.reserve(reserved);
    PathNode node{path, PathStep::Kind::kIntKey, {}, 0, is_set};
    for (uint32_t i = 0; i < n; ++i) {
      node.index = i;
      elements.push_back(ValueAccess::Placeholder());
      if (!Read(et, &node, depth + 1, &elements.back())) return false;
    }
    reserve_budget_ += reserved;
    if (is_set) {
      *out = ValueAccess::KnownSet(t, std::move(elements));
    } else {
      ValueAccess::SetSequence(out, t, std::move(elements));
    }
    return true;
  }

  ABSL_ATTRIBUTE_NOINLINE bool ReadTuple(const Type& t, const PathNode* path, size_t depth, Value* out) {
    uint32_t n;
    if (Take r = TakeArrayHeader(n); r != Take::kTaken) {
      return r == Take::kTruncated ? Truncated() : Mismatch(t, path);
    }
    const std::vector<Type>& types = t.TupleElementTypes();
    if (n != types.size()) {
      return Fail(path, absl::StrFormat("a tuple of length %d is required", types.size()));
    }
    if (!CheckDepth(depth, path)) return false;
    ValueList elements;
    elements.reserve(n);  // bounded by the type, not by the input
    PathNode node{path, PathStep::Kind::kIntKey, {}, 0};
    for (uint32_t i = 0; i < n; ++i) {
      node.index = i;
      elements.push_back(ValueAccess::Placeholder());
      if (!Read(types[i], &node, depth + 1, &elements.back())) return false;
    }
    ValueAccess::SetSequence(out, t, std::move(elements));
    return true;
  }

  // Reads a map key or object attribute name: a str or bin. Errors name `path` (the
  // map's or the object's).
  bool ReadKey(const PathNode* path, absl::string_view not_string, const char*& data,
               size_t& size) {
    if (ABSL_PREDICT_FALSE(p_ == end_)) return Truncated();
    Take r = TakeBytes(static_cast<uint8_t>(*p_), data, size);
    if (ABSL_PREDICT_TRUE(r == Take::kTaken)) return true;
    return r == Take::kTruncated ? Truncated() : WrongToken(path, not_string);
  }

  ABSL_ATTRIBUTE_NOINLINE bool ReadMap(const Type& t, const PathNode* path, size_t depth, Value* out) {
    uint32_t n;
    if (Take r = TakeMapHeader(n); r != Take::kTaken) {
      return r == Take::kTruncated ? Truncated() : Mismatch(t, path);
    }
    if (!CheckDepth(depth, path)) return false;
    const Type& et = t.ElementType();
    const size_t reserved = TakeReserve(n);
    ValueMap elements;
    elements.reserve(reserved);
    bool sorted = true;
    PathNode node{path, PathStep::Kind::kStringKey, {}, 0};
    for (uint32_t i = 0; i < n; ++i) {
      const char* data = nullptr;
      size_t size = 0;
      if (!ReadKey(path, "map keys must be strings", data, size)) return false;
      if (!IsValidUtf8(data, size)) return Fail(path, "map key is not valid UTF-8");
      std::string_view key(data, size);
      if (sorted && !elements.empty() && !(elements.back().first < key)) sorted = false;
      node.name = key;
      elements.emplace_back(std::string(key), ValueAccess::Placeholder());
      if (!Read(et, &node, depth + 1, &elements.back().second)) return false;
    }
    reserve_budget_ += reserved;
    *out = ValueAccess::KnownMap(t, sorted ? std::move(elements) : SortedMap(std::move(elements)));
    return true;
  }

  // Map elements sorted by key; for a repeated key the last one wins, as in go-cty.
  static ValueMap SortedMap(ValueMap m) {
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

  ABSL_ATTRIBUTE_NOINLINE bool ReadObject(const Type& t, const PathNode* path, size_t depth, Value* out) {
    uint32_t n;
    if (Take r = TakeMapHeader(n); r != Take::kTaken) {
      return r == Take::kTruncated ? Truncated() : Mismatch(t, path);
    }
    const auto& attrs = t.AttributeTypes();
    if (n != attrs.size()) {
      return Fail(path, absl::StrFormat("an object with %d attributes is required (%d given)",
                                        attrs.size(), n));
    }
    if (!CheckDepth(depth, path)) return false;
    ValueList elements;
    elements.reserve(n);  // bounded by the type, not by the input
    // go-cty writes attributes sorted by name, so attribute i almost always arrives i-th;
    // only when one does not are arrival positions recorded.
    std::vector<uint32_t> order;
    std::vector<bool> seen;
    PathNode node{path, PathStep::Kind::kAttribute, {}, 0};
    for (uint32_t i = 0; i < n; ++i) {
      const char* data = nullptr;
      size_t size = 0;
      if (!ReadKey(path, "all keys must be strings", data, size)) return false;
      uint32_t idx = i;
      // A key that names an attribute is valid UTF-8 because the name is; any other key is
      // an error anyway.
      if (ABSL_PREDICT_FALSE(!order.empty() || !SameBytes(attrs[i].first, data, size))) {
        int found = t.AttributeIndex(std::string_view(data, size));
        if (found < 0) {
          return Fail(path, absl::StrCat("unsupported attribute \"",
                                         absl::CHexEscape(absl::string_view(data, size)), "\""));
        }
        idx = static_cast<uint32_t>(found);
        if (order.empty()) {
          // Until now element j held attribute j.
          seen.assign(n, false);
          order.reserve(n);
          for (uint32_t j = 0; j < i; ++j) {
            order.push_back(j);
            seen[j] = true;
          }
        }
        if (seen[idx]) {
          return Fail(path, absl::StrCat("duplicate attribute \"",
                                         absl::CHexEscape(absl::string_view(data, size)), "\""));
        }
        seen[idx] = true;
        order.push_back(idx);
      }
      node.name = attrs[idx].first;
      elements.push_back(ValueAccess::Placeholder());
      if (!Read(attrs[idx].second, &node, depth + 1, &elements.back())) return false;
    }
    if (!order.empty()) {
      // Attributes arrived out of order: put each where the type says.
      ValueList ordered(n);
      for (uint32_t i = 0; i < n; ++i) ordered[order[i]] = std::move(elements[i]);
      elements = std::move(ordered);
    }
    ValueAccess::SetSequence(out, t, std::move(elements));
    return true;
  }

  // A dynamic slot: [type JSON, value of that type], or a bare nil / unknown.
  ABSL_ATTRIBUTE_NOINLINE bool ReadDynamic(const PathNode* path, size_t depth, Value* out) {
    uint32_t n;
    if (Take r = TakeArrayHeader(n); r != Take::kTaken) {
      return r == Take::kTruncated ? Truncated() : Mismatch(Type::Dynamic(), path);
    }
    if (n != 2) return Fail(path, "dynamic value array must have exactly two elements");
    if (!CheckDepth(depth, path)) return false;
    const char* data = nullptr;
    size_t size = 0;
    if (!ReadKey(path, "dynamic value type must be a JSON type string", data, size)) {
      return false;
    }
    auto type = Type::FromJson(std::string_view(data, size));
    if (!type.ok()) {
      return Fail(path, absl::StrCat("invalid dynamic value type: ", type.status().message()));
    }
    return Read(ValueTypeOf(*type), path, depth + 1, out);
  }

  const char* p_;
  const char* end_;
  size_t reserve_budget_;
  absl::Status error_;
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
    const TypeKind have = ValueAccess::KindOf(v);
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
        if (ValueAccess::BoolOf(v)) {
          packer_.pack_true();
        } else {
          packer_.pack_false();
        }
        return true;
      case TypeKind::kNumber:
        PackNumber(ValueAccess::NumberOf(v));
        return true;
      case TypeKind::kString:
        PackStr(ValueAccess::StringOf(v));
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
        const ValueList& elems = *ValueAccess::List(v);
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
        const ValueMap& elems = *ValueAccess::Map(v);
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
        const ValueList& elems = *ValueAccess::List(v);
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
        const ValueList& elems = *ValueAccess::List(v);
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
    const Type root = ValueTypeOf(type);
    Decoder decoder(data.data(), data.size());
    Value result = ValueAccess::Placeholder();
    if (!decoder.Read(root, nullptr, 0, &result)) return decoder.error();
    if (!decoder.at_end()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "malformed msgpack: %d unexpected bytes after the value", decoder.remaining()));
    }
    return result;
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
