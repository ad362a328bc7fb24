// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/validators.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "src/value/quote.h"
#include "tfsdk/timeouts.h"

namespace tfsdk::validators {

namespace validators_internal {

Number BoundFromInt64(int64_t v) { return Number::FromInt64(v); }
Number BoundFromUint64(uint64_t v) { return Number::FromUint64(v); }

Number BoundFromDouble(double v) {
  if (std::isnan(v)) throw std::invalid_argument("a validator bound cannot be NaN");
  if (std::isinf(v)) return Number::FromDouble(v);
  // The shortest text that reads back as `v` is what the author wrote (0.1, not
  // 0.1000000000000000055...), and it is what a configuration would contain.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  if (ec != std::errc()) return Number::FromDouble(v);
  absl::StatusOr<Number> n = Number::Parse(std::string_view(buf, end - buf));
  return n.ok() ? *n : Number::FromDouble(v);
}

}  // namespace validators_internal

namespace {

constexpr const char* kProviderBug =
    " This is a bug in the provider, which should be reported in the provider's own issue "
    "tracker.";

// "Attribute a.b" or, for the empty path, "Value".
std::string Subject(const Path& path) {
  return path.empty() ? std::string("Value") : "Attribute " + path.ToString();
}

// The Go module's detail form: "Attribute <path> <rule>, got: <value>".
std::string Detail(const Path& path, const std::string& rule, const std::string& got) {
  return Subject(path) + " " + rule + ", got: " + got;
}

// A double-quoted string with Go-style escapes for quotes, backslashes and control bytes.
std::string Quote(std::string_view s) {
  return internal::Quoted(s, internal::QuoteStyle::kGo);
}

// ["a" "b"], as Go prints a list of strings.
std::string QuoteList(const std::vector<std::string>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ' ';
    out += Quote(values[i]);
  }
  return out + "]";
}

// [a,b.c], as Go prints a list of paths.
std::string PathList(const std::vector<Path>& paths) {
  std::string out = "[";
  for (size_t i = 0; i < paths.size(); ++i) {
    if (i > 0) out += ',';
    out += paths[i].ToString();
  }
  return out + "]";
}

std::string JoinDescriptions(const std::vector<ValidatorPtr>& validators) {
  std::string out;
  for (size_t i = 0; i < validators.size(); ++i) {
    if (i > 0) out += " + ";
    out += validators[i]->Description();
  }
  return out;
}

// Unicode characters in UTF-8 text, counted like Go's utf8.RuneCountInString: a byte that
// does not start a valid sequence counts as one character.
int64_t Utf8Length(std::string_view s) {
  auto cont = [&](size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    if (i >= s.size()) return false;
    unsigned char c = static_cast<unsigned char>(s[i]);
    return c >= lo && c <= hi;
  };
  int64_t count = 0;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    size_t width = 1;
    if (b >= 0xC2 && b <= 0xDF) {
      if (cont(i + 1)) width = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      unsigned char lo = b == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
      unsigned char hi = b == 0xED ? 0x9F : 0xBF;  // no surrogates
      if (cont(i + 1, lo, hi) && cont(i + 2)) width = 3;
    } else if (b >= 0xF0 && b <= 0xF4) {
      unsigned char lo = b == 0xF0 ? 0x90 : 0x80;  // no overlong forms
      unsigned char hi = b == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
      if (cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3)) width = 4;
    }
    i += width;
    ++count;
  }
  return count;
}

std::string Plural(int64_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// "list", "map", ... for the kinds the size validators accept.
const char* KindNoun(const Type& type) {
  switch (type.kind()) {
    case TypeKind::kList:
      return "list";
    case TypeKind::kSet:
      return "set";
    case TypeKind::kMap:
      return "map";
    case TypeKind::kObject:
      return "object";
    case TypeKind::kTuple:
      return "tuple";
    default:
      return "value";
  }
}

// A validator attached to a value it cannot check: the provider's mistake.
void AddUsageError(const ValidatorRequest& req, Diagnostics& diags, std::string_view validator,
                   std::string_view expected) {
  diags.AddError("Invalid Validator Usage",
                 "The " + std::string(validator) + " validator checks " + std::string(expected) +
                     " values, but " + Subject(req.path) + " is a " +
                     req.value.type().FriendlyName() + "." + kProviderBug,
                 req.path);
}

void RequireNonNegative(int64_t n, const char* factory) {
  if (n < 0) {
    throw std::invalid_argument(std::string(factory) + ": a bound must not be negative, got " +
                                std::to_string(n));
  }
}

void RequireOrdered(int64_t min, int64_t max, const char* factory) {
  RequireNonNegative(min, factory);
  RequireNonNegative(max, factory);
  if (min > max) {
    throw std::invalid_argument(std::string(factory) + ": min " + std::to_string(min) +
                                " is greater than max " + std::to_string(max));
  }
}

void RequireValidators(const std::vector<ValidatorPtr>& validators, const char* factory) {
  for (const auto& v : validators) {
    if (v == nullptr) throw std::invalid_argument(std::string(factory) + ": null validator");
  }
}

// TypeMismatch's answer for a validator of `what` (e.g. "strings") given `type`.
std::string Checks(const char* what, const Type& type) {
  return std::string("checks ") + what + ", not " + type.FriendlyName();
}

// The first mismatch among `validators` for `type`, prefixed with the validator's
// description, or "".
std::string FirstMismatch(const std::vector<ValidatorPtr>& validators, const Type& type,
                          const char* role) {
  for (const auto& v : validators) {
    std::string why = v->TypeMismatch(type);
    if (!why.empty()) return std::string(role) + " \"" + v->Description() + "\" " + why;
  }
  return {};
}

// --- Strings ---------------------------------------------------------------------------

class StringValidator : public Validator {
 public:
  void Validate(const ValidatorRequest& req, Diagnostics& diags) const final {
    if (!req.value.IsKnown()) return;
    if (req.value.type().kind() != TypeKind::kString) {
      AddUsageError(req, diags, Name(), "string");
      return;
    }
    Check(req, req.value.AsString(), diags);
  }
  std::string TypeMismatch(const Type& type) const final {
    if (type.IsDynamic() || type.kind() == TypeKind::kString) return {};
    return Checks("strings", type);
  }

 protected:
  virtual const char* Name() const = 0;
  virtual void Check(const ValidatorRequest& req, const std::string& s,
                     Diagnostics& diags) const = 0;
};

class LengthValidator final : public StringValidator {
 public:
  LengthValidator(std::optional<int64_t> min, std::optional<int64_t> max)
      : min_(min), max_(max) {}

  std::string Description() const override {
    if (min_ && max_) {
      return "string length must be between " + std::to_string(*min_) + " and " +
             std::to_string(*max_);
    }
    if (min_) return "string length must be at least " + std::to_string(*min_);
    return "string length must be at most " + std::to_string(*max_);
  }

 protected:
  const char* Name() const override { return "string length"; }
  void Check(const ValidatorRequest& req, const std::string& s,
             Diagnostics& diags) const override {
    int64_t n = Utf8Length(s);
    if ((min_ && n < *min_) || (max_ && n > *max_)) {
      diags.AddError("Invalid Attribute Value Length",
                     Detail(req.path, Description(), std::to_string(n)), req.path);
    }
  }

 private:
  std::optional<int64_t> min_;
  std::optional<int64_t> max_;
};

class RegexValidator final : public StringValidator {
 public:
  RegexValidator(const std::string& pattern, std::string message)
      : pattern_(pattern), message_(std::move(message)) {
    try {
      regex_ = std::regex(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      throw std::invalid_argument("RegexMatches: invalid regular expression '" + pattern +
                                  "': " + e.what());
    }
  }

  std::string Description() const override {
    if (!message_.empty()) return message_;
    return "value must match regular expression '" + pattern_ + "'";
  }

 protected:
  const char* Name() const override { return "RegexMatches"; }
  void Check(const ValidatorRequest& req, const std::string& s,
             Diagnostics& diags) const override {
    if (!std::regex_search(s, regex_)) {
      diags.AddError("Invalid Attribute Value Match", Detail(req.path, Description(), Quote(s)),
                     req.path);
    }
  }

 private:
  std::string pattern_;
  std::string message_;
  std::regex regex_;  // const use from many threads is safe
};

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

class OneOfValidator final : public StringValidator {
 public:
  enum class Mode { kOneOf, kNoneOf, kOneOfIgnoringCase };
  OneOfValidator(Mode mode, std::vector<std::string> values)
      : mode_(mode), values_(std::move(values)) {}

  std::string Description() const override {
    switch (mode_) {
      case Mode::kOneOf:
        return "value must be one of: " + QuoteList(values_);
      case Mode::kNoneOf:
        return "value must be none of: " + QuoteList(values_);
      case Mode::kOneOfIgnoringCase:
        break;
    }
    return "value must be one of (ignoring case): " + QuoteList(values_);
  }

 protected:
  const char* Name() const override {
    switch (mode_) {
      case Mode::kOneOf:
        return "OneOf";
      case Mode::kNoneOf:
        return "NoneOf";
      case Mode::kOneOfIgnoringCase:
        break;
    }
    return "OneOfCaseInsensitive";
  }
  void Check(const ValidatorRequest& req, const std::string& s,
             Diagnostics& diags) const override {
    bool found = false;
    for (const auto& v : values_) {
      if (mode_ == Mode::kOneOfIgnoringCase ? EqualsIgnoringAsciiCase(s, v) : s == v) {
        found = true;
        break;
      }
    }
    if (found != (mode_ == Mode::kNoneOf)) return;
    diags.AddError("Invalid Attribute Value Match", Detail(req.path, Description(), Quote(s)),
                   req.path);
  }

 private:
  Mode mode_;
  std::vector<std::string> values_;
};

class DurationValidator final : public StringValidator {
 public:
  std::string Description() const override {
    return "value must be a duration: a sequence of decimal numbers, each with an optional "
           "fraction and a unit, such as \"300ms\", \"-1.5h\" or \"2h45m\" (units: \"ns\", "
           "\"us\" or \"\xC2\xB5s\", \"ms\", \"s\", \"m\", \"h\")";
  }

 protected:
  const char* Name() const override { return "IsDuration"; }
  void Check(const ValidatorRequest& req, const std::string& s,
             Diagnostics& diags) const override {
    if (timeouts::ParseDuration(s)) return;
    diags.AddError("Invalid Attribute Value Time Duration",
                   Detail(req.path, Description(), Quote(s)), req.path);
  }
};

// --- Numbers ---------------------------------------------------------------------------

class NumberValidator : public Validator {
 public:
  void Validate(const ValidatorRequest& req, Diagnostics& diags) const final {
    if (!req.value.IsKnown()) return;
    if (req.value.type().kind() != TypeKind::kNumber) {
      AddUsageError(req, diags, Name(), "number");
      return;
    }
    Check(req, req.value.AsNumber(), diags);
  }
  std::string TypeMismatch(const Type& type) const final {
    if (type.IsDynamic() || type.kind() == TypeKind::kNumber) return {};
    return Checks("numbers", type);
  }

 protected:
  virtual const char* Name() const = 0;
  virtual void Check(const ValidatorRequest& req, const Number& n, Diagnostics& diags) const = 0;
};

class RangeValidator final : public NumberValidator {
 public:
  RangeValidator(std::optional<Number> min, std::optional<Number> max) : min_(min), max_(max) {}

  std::string Description() const override {
    if (min_ && max_) {
      return "value must be between " + min_->ToString() + " and " + max_->ToString();
    }
    if (min_) return "value must be at least " + min_->ToString();
    return "value must be at most " + max_->ToString();
  }

 protected:
  const char* Name() const override { return "number range"; }
  void Check(const ValidatorRequest& req, const Number& n, Diagnostics& diags) const override {
    if ((min_ && n < *min_) || (max_ && n > *max_)) {
      diags.AddError("Invalid Attribute Value", Detail(req.path, Description(), n.ToString()),
                     req.path);
    }
  }

 private:
  std::optional<Number> min_;
  std::optional<Number> max_;
};

class WholeNumberValidator final : public NumberValidator {
 public:
  std::string Description() const override { return "value must be a whole number"; }

 protected:
  const char* Name() const override { return "IsWholeNumber"; }
  void Check(const ValidatorRequest& req, const Number& n, Diagnostics& diags) const override {
    if (n.IsInteger()) return;
    diags.AddError("Invalid Attribute Value", Detail(req.path, Description(), n.ToString()),
                   req.path);
  }
};

// --- Collections -----------------------------------------------------------------------

class SizeValidator final : public Validator {
 public:
  SizeValidator(std::optional<int64_t> min, std::optional<int64_t> max) : min_(min), max_(max) {}

  std::string Description() const override { return "collection must contain " + Rule(); }

  std::string TypeMismatch(const Type& t) const override {
    if (t.IsDynamic() || t.IsCollection() || t.IsTuple() || t.IsObject()) return {};
    return Checks("the size of a list, set, map, tuple or object", t);
  }

  void Validate(const ValidatorRequest& req, Diagnostics& diags) const override {
    if (!req.value.IsKnown()) return;
    const Type& t = req.value.type();
    if (!(t.IsCollection() || t.IsTuple() || t.IsObject())) {
      AddUsageError(req, diags, "collection size", "list, set, map, tuple or object");
      return;
    }
    int64_t n = static_cast<int64_t>(req.value.Length());
    if ((min_ && n < *min_) || (max_ && n > *max_)) {
      diags.AddError("Invalid Attribute Value",
                     Detail(req.path, std::string(KindNoun(t)) + " must contain " + Rule(),
                            std::to_string(n)),
                     req.path);
    }
  }

 private:
  std::string Rule() const {
    if (min_ && max_) {
      return "at least " + std::to_string(*min_) + " and at most " + Plural(*max_, "element");
    }
    if (min_) return "at least " + Plural(*min_, "element");
    return "at most " + Plural(*max_, "element");
  }

  std::optional<int64_t> min_;
  std::optional<int64_t> max_;
};

class UniqueValuesValidator final : public Validator {
 public:
  std::string Description() const override { return "all values must be unique"; }

  std::string TypeMismatch(const Type& t) const override {
    if (t.IsDynamic() || t.IsList() || t.IsSet() || t.IsTuple()) return {};
    return Checks("lists", t);
  }

  void Validate(const ValidatorRequest& req, Diagnostics& diags) const override {
    if (!req.value.IsKnown()) return;
    const Type& t = req.value.type();
    if (t.IsSet()) return;  // distinct by construction
    if (!t.IsList() && !t.IsTuple()) {
      AddUsageError(req, diags, "UniqueValues", "list");
      return;
    }
    const ValueList& elements = req.value.Elements();
    // Positions of the known elements, grouped by hash; each group is split by RawEquals.
    std::unordered_map<size_t, std::vector<size_t>> by_hash;
    std::vector<bool> reported(elements.size(), false);
    for (size_t i = 0; i < elements.size(); ++i) {
      if (elements[i].IsUnknown()) continue;
      by_hash[elements[i].Hash()].push_back(i);
    }
    for (size_t i = 0; i < elements.size(); ++i) {
      if (elements[i].IsUnknown() || reported[i]) continue;
      std::vector<size_t> same;
      for (size_t j : by_hash[elements[i].Hash()]) {
        if (j >= i && elements[j].RawEquals(elements[i])) same.push_back(j);
      }
      if (same.size() < 2) continue;
      std::string where;
      for (size_t j : same) {
        reported[j] = true;
        where += (where.empty() ? "" : ", ") + std::string("[") + std::to_string(j) + "]";
      }
      diags.AddError("Duplicate List Value",
                     Subject(req.path) + " must not contain duplicate values, got " +
                         elements[i].ToString() + " at " + where,
                     req.path);
    }
  }
};

class EachValidator final : public Validator {
 public:
  explicit EachValidator(std::vector<ValidatorPtr> validators)
      : validators_(std::move(validators)) {}

  std::string Description() const override {
    return "element value must satisfy all validations: " + JoinDescriptions(validators_);
  }

  // The element validators are asked with the element type (each of a tuple's).
  std::string TypeMismatch(const Type& t) const override {
    if (t.IsDynamic()) return {};
    if (t.IsCollection()) return FirstMismatch(validators_, t.ElementType(), "has the element validator");
    if (t.IsTuple()) {
      for (const Type& element : t.TupleElementTypes()) {
        std::string why = FirstMismatch(validators_, element, "has the element validator");
        if (!why.empty()) return why;
      }
      return {};
    }
    return Checks("the elements of a list, set, map or tuple", t);
  }

  void Validate(const ValidatorRequest& req, Diagnostics& diags) const override {
    if (!req.value.IsKnown()) return;
    const Type& t = req.value.type();
    auto run = [&](const Path& path, const Value& element) {
      ValidatorRequest sub{path, element, req.value, req.config};
      for (const auto& v : validators_) v->Validate(sub, diags);
    };
    if (t.IsMap()) {
      for (const auto& [key, element] : req.value.MapElements()) run(req.path.Key(key), element);
    } else if (t.IsList() || t.IsTuple()) {
      const ValueList& elements = req.value.Elements();
      for (size_t i = 0; i < elements.size(); ++i) {
        run(req.path.Index(static_cast<int64_t>(i)), elements[i]);
      }
    } else if (t.IsSet()) {
      for (const auto& element : req.value.Elements()) run(req.path, element);
    } else {
      AddUsageError(req, diags, "Each", "list, set, map or tuple");
    }
  }

 private:
  std::vector<ValidatorPtr> validators_;
};

// --- Across attributes -----------------------------------------------------------------

// Where the validated attribute sits: the path of the object that holds it, and its own
// name when the path shows it. Inside a set the path stops at the set attribute, so there
// the set's path stands for the object and the name is unknown.
struct Place {
  Path parent_path;
  std::optional<std::string> self;
};

Place Locate(const ValidatorRequest& req) {
  const auto& steps = req.path.steps();
  if (!steps.empty() && steps.back().kind == PathStep::Kind::kAttribute &&
      req.parent.type().IsObject() && req.parent.type().HasAttribute(steps.back().name)) {
    const std::string& name = steps.back().name;
    if (!req.parent.IsKnown() || req.parent.GetAttr(name).RawEquals(req.value)) {
      return {req.path.Parent(), name};
    }
  }
  return {req.path, std::nullopt};
}

struct Sibling {
  bool exists = false;  // false: the object has no such attribute (a provider bug)
  Path path;
  Value value;
};

Sibling FindSibling(const ValidatorRequest& req, const Place& place, const std::string& name) {
  Sibling s;
  s.path = place.parent_path.Attr(name);
  const Value& parent = req.parent;
  const Type& t = parent.type();
  if (t.IsObject()) {
    if (!t.HasAttribute(name)) return s;
    s.exists = true;
    if (parent.IsKnown()) {
      s.value = parent.GetAttr(name);
    } else if (parent.IsUnknown()) {
      s.value = Value::UnknownVal(t.AttributeType(name));
    } else {
      s.value = Value::NullVal(t.AttributeType(name));
    }
    return s;
  }
  // A parent of dynamic type that is not known yet may still hold the attribute.
  if (parent.IsKnown()) return s;
  s.exists = true;
  s.value = parent.IsUnknown() ? Value::UnknownVal(Type::Dynamic()) : Value::NullVal(Type());
  return s;
}

class SiblingValidator : public Validator {
 public:
  SiblingValidator(const char* name, std::vector<std::string> siblings)
      : name_(name), siblings_(std::move(siblings)) {}

 protected:
  // The named siblings other than the validated attribute itself, each once, in order.
  // Adds "Invalid Validator Usage" for names the object does not have and leaves them out.
  std::vector<Sibling> Siblings(const ValidatorRequest& req, const Place& place,
                                Diagnostics& diags, bool* usage_error) const {
    std::vector<Sibling> out;
    std::vector<std::string> seen;
    for (const auto& name : siblings_) {
      if ((place.self && name == *place.self) ||
          std::find(seen.begin(), seen.end(), name) != seen.end()) {
        continue;
      }
      seen.push_back(name);
      Sibling s = FindSibling(req, place, name);
      if (!s.exists) {
        *usage_error = true;
        diags.AddError("Invalid Validator Usage",
                       "The " + std::string(name_) + " validator of " + Subject(req.path) +
                           " names \"" + name +
                           "\", which is not an attribute of the same object." + kProviderBug,
                       req.path);
        continue;
      }
      out.push_back(std::move(s));
    }
    return out;
  }

  // [b,c,a]: the siblings' paths and then this attribute's, as the Go module lists them.
  static std::string Expressions(const ValidatorRequest& req, const std::vector<Sibling>& sibs) {
    std::vector<Path> paths;
    for (const auto& s : sibs) paths.push_back(s.path);
    paths.push_back(req.path);
    return PathList(paths);
  }

  std::string NameList() const { return QuoteList(siblings_); }

  const char* name_;
  std::vector<std::string> siblings_;
};

void AddCombinationError(const ValidatorRequest& req, Diagnostics& diags, std::string detail) {
  diags.AddError("Invalid Attribute Combination", std::move(detail), req.path);
}

class ConflictsWithValidator final : public SiblingValidator {
 public:
  explicit ConflictsWithValidator(std::vector<std::string> s)
      : SiblingValidator("ConflictsWith", std::move(s)) {}

  std::string Description() const override {
    return "if this attribute is set, these must not be set: " + NameList();
  }

  void Validate(const ValidatorRequest& req, Diagnostics& diags) const override {
    if (!req.value.IsKnown()) return;  // null cannot conflict; unknown may become null
    Place place = Locate(req);
    bool usage_error = false;
    for (const Sibling& s : Siblings(req, place, diags, &usage_error)) {
      if (s.value.IsUnknown()) {
        // Known to become non-null: conflicts already. Otherwise wait for the value.
        if (!s.value.refinements().not_null) return;
      } else if (s.value.IsNull()) {
        continue;
      }
      AddCombinationError(req, diags,
                          "Attribute " + Quote(s.path.ToString()) +
                              " cannot be specified when " + Quote(req.path.ToString()) +
                              " is specified");
    }
  }
};

class AlsoRequiresValidator final : public SiblingValidator {
 public:
  explicit AlsoRequiresValidator(std::vector<std::string> s)
      : SiblingValidator("AlsoRequires", std::move(s)) {}

  std::string Description() const override {
    return "if this attribute is set, these must be set too: " + NameList();
  }

  void Validate(const ValidatorRequest& req, Diagnostics& diags) const override {
    if (!req.value.IsKnown()) return;
    Place place = Locate(req);
    bool usage_error = false;
    for (const Sibling& s : Siblings(req, place, diags, &usage_error)) {
      if (s.value.IsUnknown()) return;  // wait until every value is known
      if (!s.value.IsNull()) continue;
      AddCombinationError(req, diags,
                          "Attribute " + Quote(s.path.ToString()) + " must be specified when " +
                              Quote(req.path.ToString()) + " is specified");
    }
  }
};

class AtLeastOneOfValidator final : public SiblingValidator {
 public:
  explicit AtLeastOneOfValidator(std::vector<std::string> s)
      : SiblingValidator("AtLeastOneOf", std::move(s)) {}

  std::string Description() const override {
    return "at least one of this attribute and these must be set: " + NameList();
  }

  void Validate(const ValidatorRequest& req, Diagnostics& diags) const override {
    if (!req.value.IsNull()) return;  // set, or unknown and possibly set
    Place place = Locate(req);
    bool usage_error = false;
    std::vector<Sibling> sibs = Siblings(req, place, diags, &usage_error);
    for (const Sibling& s : sibs) {
      if (!s.value.IsNull()) return;  // set, or unknown and possibly set
    }
    if (usage_error) return;
    AddCombinationError(req, diags,
                        "At least one attribute out of " + Expressions(req, sibs) +
                            " must be specified");
  }
};

class ExactlyOneOfValidator final : public SiblingValidator {
 public:
  explicit ExactlyOneOfValidator(std::vector<std::string> s)
      : SiblingValidator("ExactlyOneOf", std::move(s)) {}

  std::string Description() const override {
    return "exactly one of this attribute and these must be set: " + NameList();
  }

  void Validate(const ValidatorRequest& req, Diagnostics& diags) const override {
    if (req.value.IsUnknown()) return;
    Place place = Locate(req);
    bool usage_error = false;
    std::vector<Sibling> sibs = Siblings(req, place, diags, &usage_error);
    int count = req.value.IsNull() ? 0 : 1;
    for (const Sibling& s : sibs) {
      if (s.value.IsUnknown()) return;  // wait until every value is known
      if (!s.value.IsNull()) ++count;
    }
    if (usage_error) return;
    if (count == 0) {
      AddCombinationError(req, diags,
                          "No attribute specified when one (and only one) of " +
                              Expressions(req, sibs) + " is required");
    } else if (count > 1) {
      AddCombinationError(req, diags,
                          std::to_string(count) + " attributes specified when one (and only " +
                              "one) of " + Expressions(req, sibs) + " is required");
    }
  }
};

// --- Combinators -----------------------------------------------------------------------

class AllValidator final : public Validator {
 public:
  explicit AllValidator(std::vector<ValidatorPtr> v) : validators_(std::move(v)) {}
  std::string Description() const override {
    return "value must satisfy all of the validations: " + JoinDescriptions(validators_);
  }
  std::string TypeMismatch(const Type& t) const override {
    return FirstMismatch(validators_, t, "combines");
  }
  void Validate(const ValidatorRequest& req, Diagnostics& diags) const override {
    for (const auto& v : validators_) v->Validate(req, diags);
  }

 private:
  std::vector<ValidatorPtr> validators_;
};

class AnyValidator final : public Validator {
 public:
  explicit AnyValidator(std::vector<ValidatorPtr> v) : validators_(std::move(v)) {}
  std::string Description() const override {
    return "value must satisfy at least one of the validations: " +
           JoinDescriptions(validators_);
  }
  // A branch that can never apply to the type is a mistake even when another could pass.
  std::string TypeMismatch(const Type& t) const override {
    return FirstMismatch(validators_, t, "combines");
  }
  void Validate(const ValidatorRequest& req, Diagnostics& diags) const override {
    Diagnostics failures;
    for (const auto& v : validators_) {
      Diagnostics one;
      v->Validate(req, one);
      if (!one.HasError()) {
        diags.Append(one);  // a passing validator's warnings still count
        return;
      }
      failures.Append(one);
    }
    diags.Append(failures);
  }

 private:
  std::vector<ValidatorPtr> validators_;
};

// --- Whole configuration ---------------------------------------------------------------

// The value at an absolute path of the configuration. A list index past the end or a
// missing map key is an attribute that is not configured (null); a path that does not fit
// the configuration's type is an error.
absl::StatusOr<Value> ConfigValueAt(const Value& root, const Path& path) {
  Value cur = root;
  const auto& steps = path.steps();
  for (size_t i = 0; i < steps.size(); ++i) {
    const PathStep& step = steps[i];
    if (!cur.IsKnown()) {
      // Null and unknown propagate; Value::At still checks the rest against the type.
      return cur.At(Path(std::vector<PathStep>(steps.begin() + i, steps.end())));
    }
    const Type& t = cur.type();
    if (step.kind == PathStep::Kind::kStringKey && t.IsMap() &&
        cur.FindKey(step.name) == nullptr) {
      return Value::NullVal(t.ElementType());
    }
    if (step.kind == PathStep::Kind::kIntKey && (t.IsList() || t.IsSet()) &&
        (step.index < 0 || static_cast<size_t>(step.index) >= cur.Length())) {
      return Value::NullVal(t.ElementType());
    }
    absl::StatusOr<Value> next = cur.At(Path({step}));
    if (!next.ok()) {
      return absl::Status(next.status().code(),
                          Path(std::vector<PathStep>(steps.begin(), steps.begin() + i + 1))
                                  .ToString() +
                              ": " + std::string(next.status().message()));
    }
    cur = *std::move(next);
  }
  return cur;
}

class PathsValidator : public ConfigValidator {
 public:
  PathsValidator(const char* name, std::vector<Path> paths)
      : name_(name), paths_(std::move(paths)) {}

 protected:
  struct Survey {
    std::vector<Path> configured;  // known and not null
    std::vector<Path> missing;     // null
    std::vector<Path> unknown;
    bool usage_error = false;
  };

  Survey Look(const Attributes& config, Diagnostics& diags) const {
    Survey s;
    for (const Path& p : paths_) {
      absl::StatusOr<Value> v = ConfigValueAt(config.value(), p);
      if (!v.ok()) {
        s.usage_error = true;
        diags.AddError("Invalid Validator Usage",
                       "The " + std::string(name_) + " validator names the path " +
                           Quote(p.ToString()) + ", which does not fit the schema (" +
                           std::string(v.status().message()) + ")." + kProviderBug);
        continue;
      }
      if (v->IsUnknown()) {
        s.unknown.push_back(p);
      } else if (v->IsNull()) {
        s.missing.push_back(p);
      } else {
        s.configured.push_back(p);
      }
    }
    return s;
  }

  std::string List() const { return PathList(paths_); }

  const char* name_;
  std::vector<Path> paths_;
};

class ConflictingValidator final : public PathsValidator {
 public:
  explicit ConflictingValidator(std::vector<Path> p)
      : PathsValidator("ConfigConflicting", std::move(p)) {}
  std::string Description() const override {
    return "These attributes cannot be configured together: " + List();
  }
  void Validate(const Attributes& config, Diagnostics& diags) const override {
    Survey s = Look(config, diags);
    if (s.configured.size() > 1) {
      diags.AddError("Invalid Attribute Combination",
                     Description() + " (configured: " + PathList(s.configured) + ")",
                     s.configured[0]);
    }
  }
};

class ExactlyOneOfConfigValidator final : public PathsValidator {
 public:
  explicit ExactlyOneOfConfigValidator(std::vector<Path> p)
      : PathsValidator("ConfigExactlyOneOf", std::move(p)) {}
  std::string Description() const override {
    return "Exactly one of these attributes must be configured: " + List();
  }
  void Validate(const Attributes& config, Diagnostics& diags) const override {
    Survey s = Look(config, diags);
    if (s.configured.size() > 1) {
      diags.AddError("Invalid Attribute Combination",
                     Description() + " (configured: " + PathList(s.configured) + ")",
                     s.configured[0]);
    }
    if (s.configured.empty() && s.unknown.empty() && !s.usage_error) {
      diags.AddError("Missing Attribute Configuration", Description());
    }
  }
};

class AtLeastOneOfConfigValidator final : public PathsValidator {
 public:
  explicit AtLeastOneOfConfigValidator(std::vector<Path> p)
      : PathsValidator("ConfigAtLeastOneOf", std::move(p)) {}
  std::string Description() const override {
    return "At least one of these attributes must be configured: " + List();
  }
  void Validate(const Attributes& config, Diagnostics& diags) const override {
    Survey s = Look(config, diags);
    if (s.configured.empty() && s.unknown.empty() && !s.usage_error) {
      diags.AddError("Missing Attribute Configuration", Description());
    }
  }
};

class RequiredTogetherValidator final : public PathsValidator {
 public:
  explicit RequiredTogetherValidator(std::vector<Path> p)
      : PathsValidator("ConfigRequiredTogether", std::move(p)) {}
  std::string Description() const override {
    return "These attributes must be configured together: " + List();
  }
  void Validate(const Attributes& config, Diagnostics& diags) const override {
    Survey s = Look(config, diags);
    if (s.configured.empty() || !s.unknown.empty() || s.missing.empty()) return;
    diags.AddError("Invalid Attribute Combination",
                   Description() + " (missing: " + PathList(s.missing) + ")", s.configured[0]);
  }
};

}  // namespace

// --- Factories -------------------------------------------------------------------------

ValidatorPtr LengthAtLeast(int64_t min) {
  RequireNonNegative(min, "LengthAtLeast");
  return std::make_shared<LengthValidator>(min, std::nullopt);
}

ValidatorPtr LengthAtMost(int64_t max) {
  RequireNonNegative(max, "LengthAtMost");
  return std::make_shared<LengthValidator>(std::nullopt, max);
}

ValidatorPtr LengthBetween(int64_t min, int64_t max) {
  RequireOrdered(min, max, "LengthBetween");
  return std::make_shared<LengthValidator>(min, max);
}

ValidatorPtr RegexMatches(const std::string& pattern, std::string message) {
  return std::make_shared<RegexValidator>(pattern, std::move(message));
}

ValidatorPtr OneOf(std::vector<std::string> values) {
  return std::make_shared<OneOfValidator>(OneOfValidator::Mode::kOneOf, std::move(values));
}

ValidatorPtr NoneOf(std::vector<std::string> values) {
  return std::make_shared<OneOfValidator>(OneOfValidator::Mode::kNoneOf, std::move(values));
}

ValidatorPtr OneOfCaseInsensitive(std::vector<std::string> values) {
  return std::make_shared<OneOfValidator>(OneOfValidator::Mode::kOneOfIgnoringCase,
                                          std::move(values));
}

ValidatorPtr IsDuration() { return std::make_shared<DurationValidator>(); }

ValidatorPtr AtLeast(const Number& min) {
  return std::make_shared<RangeValidator>(min, std::nullopt);
}

ValidatorPtr AtMost(const Number& max) {
  return std::make_shared<RangeValidator>(std::nullopt, max);
}

ValidatorPtr Between(const Number& min, const Number& max) {
  if (min > max) {
    throw std::invalid_argument("Between: min " + min.ToString() + " is greater than max " +
                                max.ToString());
  }
  return std::make_shared<RangeValidator>(min, max);
}

ValidatorPtr IsWholeNumber() { return std::make_shared<WholeNumberValidator>(); }

ValidatorPtr SizeAtLeast(int64_t min) {
  RequireNonNegative(min, "SizeAtLeast");
  return std::make_shared<SizeValidator>(min, std::nullopt);
}

ValidatorPtr SizeAtMost(int64_t max) {
  RequireNonNegative(max, "SizeAtMost");
  return std::make_shared<SizeValidator>(std::nullopt, max);
}

ValidatorPtr SizeBetween(int64_t min, int64_t max) {
  RequireOrdered(min, max, "SizeBetween");
  return std::make_shared<SizeValidator>(min, max);
}

ValidatorPtr UniqueValues() { return std::make_shared<UniqueValuesValidator>(); }

ValidatorPtr Each(std::vector<ValidatorPtr> element_validators) {
  RequireValidators(element_validators, "Each");
  return std::make_shared<EachValidator>(std::move(element_validators));
}

ValidatorPtr ConflictsWith(std::vector<std::string> sibling_names) {
  return std::make_shared<ConflictsWithValidator>(std::move(sibling_names));
}

ValidatorPtr AlsoRequires(std::vector<std::string> sibling_names) {
  return std::make_shared<AlsoRequiresValidator>(std::move(sibling_names));
}

ValidatorPtr AtLeastOneOf(std::vector<std::string> sibling_names) {
  return std::make_shared<AtLeastOneOfValidator>(std::move(sibling_names));
}

ValidatorPtr ExactlyOneOf(std::vector<std::string> sibling_names) {
  return std::make_shared<ExactlyOneOfValidator>(std::move(sibling_names));
}

ValidatorPtr All(std::vector<ValidatorPtr> validators) {
  RequireValidators(validators, "All");
  return std::make_shared<AllValidator>(std::move(validators));
}

ValidatorPtr Any(std::vector<ValidatorPtr> validators) {
  RequireValidators(validators, "Any");
  return std::make_shared<AnyValidator>(std::move(validators));
}

ConfigValidatorPtr ConfigConflicting(std::vector<Path> paths) {
  return std::make_shared<ConflictingValidator>(std::move(paths));
}

ConfigValidatorPtr ConfigExactlyOneOf(std::vector<Path> paths) {
  return std::make_shared<ExactlyOneOfConfigValidator>(std::move(paths));
}

ConfigValidatorPtr ConfigAtLeastOneOf(std::vector<Path> paths) {
  return std::make_shared<AtLeastOneOfConfigValidator>(std::move(paths));
}

ConfigValidatorPtr ConfigRequiredTogether(std::vector<Path> paths) {
  return std::make_shared<RequiredTogetherValidator>(std::move(paths));
}

}  // namespace tfsdk::validators
