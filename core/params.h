#pragma once
// Parameter descriptions shared by the GUI (which builds its forms from them) and the CLI
// (which parses `--name value` from them). Choices are enums by name, never UI strings.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace latentlab::core {

enum class ParamType { Int, Real, Bool, Choice };

/// One hyperparameter: its name (kebab-case, as on the command line), type, default, range
/// and a one-line doc for tooltips and `--help`.
struct ParamSpec {
    std::string name;
    ParamType type = ParamType::Int;
    std::string label; ///< short human label ("Clusters K")
    std::string doc;   ///< one line: what it does, with units
    double defaultValue = 0; ///< for Int/Real/Bool (Bool: 0 or 1)
    double minValue = 0;
    double maxValue = 0;
    std::vector<std::string> choices; ///< for Choice: the allowed values
    std::string defaultChoice;        ///< for Choice
    bool logScale = false;            ///< Real: the GUI steps it multiplicatively
};

/// Spec builders (keep the specs readable and every field initialised).
inline ParamSpec intParam(std::string name, std::string label, std::string doc, int64_t def,
                          int64_t lo, int64_t hi) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Int;
    s.label = std::move(label);
    s.doc = std::move(doc);
    s.defaultValue = static_cast<double>(def);
    s.minValue = static_cast<double>(lo);
    s.maxValue = static_cast<double>(hi);
    return s;
}
inline ParamSpec realParam(std::string name, std::string label, std::string doc, double def,
                           double lo, double hi, bool logScale = false) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Real;
    s.label = std::move(label);
    s.doc = std::move(doc);
    s.defaultValue = def;
    s.minValue = lo;
    s.maxValue = hi;
    s.logScale = logScale;
    return s;
}
inline ParamSpec boolParam(std::string name, std::string label, std::string doc, bool def) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Bool;
    s.label = std::move(label);
    s.doc = std::move(doc);
    s.defaultValue = def ? 1 : 0;
    s.maxValue = 1;
    return s;
}
inline ParamSpec choiceParam(std::string name, std::string label, std::string doc,
                             std::vector<std::string> choices, std::string def) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Choice;
    s.label = std::move(label);
    s.doc = std::move(doc);
    s.choices = std::move(choices);
    s.defaultChoice = std::move(def);
    return s;
}

using ParamValue = std::variant<int64_t, double, bool, std::string>;

/// Error in a parameter value; the message names the parameter and the allowed range.
class ParamError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// A set of parameter values by name. Missing names take their spec's default.
class Params {
public:
    Params() = default;
    explicit Params(std::vector<ParamSpec> specs) : m_specs(std::move(specs)) {}

    const std::vector<ParamSpec>& specs() const { return m_specs; }
    const ParamSpec* spec(const std::string& name) const;

    /// Parses `text` according to the spec of `name` and stores it.
    /// Throws ParamError for an unknown name, a malformed value or one out of range.
    void setFromString(const std::string& name, const std::string& text);
    /// Stores a typed value after checking type and range (throws ParamError).
    void set(const std::string& name, ParamValue value);

    int64_t getInt(const std::string& name) const;
    double getReal(const std::string& name) const;
    bool getBool(const std::string& name) const;
    std::string getChoice(const std::string& name) const;

    /// Value as text, as it would be written on the command line.
    std::string toString(const std::string& name) const;
    /// All values (defaults included) in spec order.
    std::vector<std::pair<std::string, ParamValue>> values() const;

private:
    const ParamSpec& require(const std::string& name) const;
    std::vector<ParamSpec> m_specs;
    std::map<std::string, ParamValue> m_values;
};

} // namespace latentlab::core
