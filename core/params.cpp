#include "core/params.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace latentlab::core {

namespace {

std::string joinChoices(const std::vector<std::string>& c) {
    std::string s;
    for (size_t i = 0; i < c.size(); ++i) s += (i ? ", " : "") + c[i];
    return s;
}

std::string fmt(double v) {
    std::ostringstream os;
    os << v;
    return os.str();
}

} // namespace

const ParamSpec* Params::spec(const std::string& name) const {
    for (const auto& s : m_specs)
        if (s.name == name) return &s;
    return nullptr;
}

const ParamSpec& Params::require(const std::string& name) const {
    if (const ParamSpec* s = spec(name)) return *s;
    std::string known;
    for (const auto& s : m_specs) known += (known.empty() ? "" : ", ") + ("--" + s.name);
    throw ParamError("unknown parameter '" + name + "' (known: " + known + ")");
}

void Params::setFromString(const std::string& name, const std::string& text) {
    const ParamSpec& s = require(name);
    switch (s.type) {
    case ParamType::Int: {
        int64_t v = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || p != text.data() + text.size())
            throw ParamError("--" + name + ": '" + text + "' is not a whole number");
        set(name, v);
        return;
    }
    case ParamType::Real: {
        double v = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v))
            throw ParamError("--" + name + ": '" + text + "' is not a number");
        set(name, v);
        return;
    }
    case ParamType::Bool:
        if (text == "1" || text == "true" || text == "yes" || text == "on") set(name, true);
        else if (text == "0" || text == "false" || text == "no" || text == "off") set(name, false);
        else throw ParamError("--" + name + ": '" + text + "' is not true or false");
        return;
    case ParamType::Choice:
        set(name, text);
        return;
    }
}

void Params::set(const std::string& name, ParamValue value) {
    const ParamSpec& s = require(name);
    switch (s.type) {
    case ParamType::Int: {
        if (auto* d = std::get_if<double>(&value)) {
            if (*d != std::floor(*d)) throw ParamError("--" + name + " must be a whole number");
            value = static_cast<int64_t>(*d);
        }
        const auto* v = std::get_if<int64_t>(&value);
        if (!v) throw ParamError("--" + name + " must be a whole number");
        if (*v < s.minValue || *v > s.maxValue)
            throw ParamError("--" + name + " must be between " + fmt(s.minValue) + " and " +
                             fmt(s.maxValue) + ", got " + std::to_string(*v));
        break;
    }
    case ParamType::Real: {
        if (auto* i = std::get_if<int64_t>(&value)) value = static_cast<double>(*i);
        const auto* v = std::get_if<double>(&value);
        if (!v || !std::isfinite(*v)) throw ParamError("--" + name + " must be a number");
        if (*v < s.minValue || *v > s.maxValue)
            throw ParamError("--" + name + " must be between " + fmt(s.minValue) + " and " +
                             fmt(s.maxValue) + ", got " + fmt(*v));
        break;
    }
    case ParamType::Bool:
        if (auto* i = std::get_if<int64_t>(&value)) value = *i != 0;
        if (!std::holds_alternative<bool>(value))
            throw ParamError("--" + name + " must be true or false");
        break;
    case ParamType::Choice: {
        const auto* v = std::get_if<std::string>(&value);
        if (!v) throw ParamError("--" + name + " must be one of: " + joinChoices(s.choices));
        bool ok = false;
        for (const auto& c : s.choices) ok = ok || c == *v;
        if (!ok)
            throw ParamError("--" + name + ": '" + *v + "' is not one of: " +
                             joinChoices(s.choices));
        break;
    }
    }
    m_values[name] = std::move(value);
}

int64_t Params::getInt(const std::string& name) const {
    const ParamSpec& s = require(name);
    auto it = m_values.find(name);
    return it == m_values.end() ? static_cast<int64_t>(s.defaultValue) : std::get<int64_t>(it->second);
}

double Params::getReal(const std::string& name) const {
    const ParamSpec& s = require(name);
    auto it = m_values.find(name);
    return it == m_values.end() ? s.defaultValue : std::get<double>(it->second);
}

bool Params::getBool(const std::string& name) const {
    const ParamSpec& s = require(name);
    auto it = m_values.find(name);
    return it == m_values.end() ? s.defaultValue != 0 : std::get<bool>(it->second);
}

std::string Params::getChoice(const std::string& name) const {
    const ParamSpec& s = require(name);
    auto it = m_values.find(name);
    return it == m_values.end() ? s.defaultChoice : std::get<std::string>(it->second);
}

std::string Params::toString(const std::string& name) const {
    const ParamSpec& s = require(name);
    switch (s.type) {
    case ParamType::Int: return std::to_string(getInt(name));
    case ParamType::Real: return fmt(getReal(name));
    case ParamType::Bool: return getBool(name) ? "true" : "false";
    case ParamType::Choice: return getChoice(name);
    }
    return {};
}

std::vector<std::pair<std::string, ParamValue>> Params::values() const {
    std::vector<std::pair<std::string, ParamValue>> out;
    for (const auto& s : m_specs) {
        switch (s.type) {
        case ParamType::Int: out.emplace_back(s.name, getInt(s.name)); break;
        case ParamType::Real: out.emplace_back(s.name, getReal(s.name)); break;
        case ParamType::Bool: out.emplace_back(s.name, getBool(s.name)); break;
        case ParamType::Choice: out.emplace_back(s.name, getChoice(s.name)); break;
        }
    }
    return out;
}

} // namespace latentlab::core
