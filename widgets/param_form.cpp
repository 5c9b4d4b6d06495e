#include "widgets/param_form.h"

#include "widgets/core_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>
#include <climits>
#include <cmath>

namespace latentlab::ui {

namespace {

/// A QDoubleSpinBox that shows values compactly ("0.1", "1e-09" rather than "0.100000000")
/// and accepts scientific notation, so log-scale parameters spanning many decades stay
/// readable and typeable.
class RealSpinBox final : public QDoubleSpinBox {
public:
    using QDoubleSpinBox::QDoubleSpinBox;

protected:
    QString textFromValue(double value) const override {
        return numberLocale().toString(value, 'g', 10);
    }
    double valueFromText(const QString& text) const override {
        bool ok = false;
        double v = numberLocale().toDouble(text.trimmed(), &ok);
        if (!ok) v = QLocale::c().toDouble(text.trimmed(), &ok);
        return ok ? v : value();
    }
    QValidator::State validate(QString& text, int& /*pos*/) const override {
        const QString t = text.trimmed();
        if (t.isEmpty()) return QValidator::Intermediate;
        bool ok = false;
        double v = numberLocale().toDouble(t, &ok);
        if (!ok) v = QLocale::c().toDouble(t, &ok);
        if (ok && std::isfinite(v))
            return v >= minimum() && v <= maximum() ? QValidator::Acceptable
                                                    : QValidator::Intermediate;
        // A number still being typed: "1e", "-", "0,".
        static const QRegularExpression partial(
            QStringLiteral(R"(^[+-]?[0-9.,]*([eE][+-]?[0-9]*)?$)"));
        return partial.match(t).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
    }

private:
    QLocale numberLocale() const {
        QLocale l = locale();
        l.setNumberOptions(QLocale::OmitGroupSeparator);
        return l;
    }
};

/// 1, 2 or 5 × 10^n closest above x (x > 0).
double niceStep(double x) {
    const double p = std::pow(10.0, std::floor(std::log10(x)));
    const double f = x / p;
    return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * p;
}

/// Decimal places needed so that |v| keeps `extra` significant digits (v ≠ 0).
int decimalsFor(double v, int extra) {
    return static_cast<int>(std::ceil(-std::log10(std::abs(v)))) + extra;
}

int toInt(double v) {
    return static_cast<int>(
        std::clamp(v, static_cast<double>(INT_MIN), static_cast<double>(INT_MAX)));
}

} // namespace

ParamForm::ParamForm(std::vector<core::ParamSpec> specs, QWidget* parent)
    : QWidget(parent), m_specs(std::move(specs)) {
    m_layout = new QFormLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const auto& spec : m_specs) {
        QWidget* editor = makeEditor(spec);
        const QString tip = paramDoc(spec);
        auto* label = new QLabel(paramLabel(spec));
        label->setBuddy(editor);
        label->setToolTip(tip);
        editor->setToolTip(tip);
        m_layout->addRow(label, editor);
        m_rows[spec.name] = Row{label, editor};
    }
}

QWidget* ParamForm::makeEditor(const core::ParamSpec& spec) {
    switch (spec.type) {
    case core::ParamType::Int: {
        auto* box = new QSpinBox;
        box->setRange(toInt(spec.minValue), toInt(spec.maxValue));
        box->setValue(toInt(spec.defaultValue));
        box->setKeyboardTracking(false); // valueChanged on Enter/focus-out/arrows only
        connect(box, &QSpinBox::valueChanged, this, &ParamForm::paramsChanged);
        return box;
    }
    case core::ParamType::Real: {
        auto* box = new RealSpinBox;
        // The smallest non-zero magnitude in the spec sets the precision (tol = 1e-9 needs
        // 12 places); the value is rounded to it, the display is compact anyway.
        double smallest = 0;
        for (double v : {spec.minValue, spec.defaultValue, spec.maxValue})
            if (v != 0 && (smallest == 0 || std::abs(v) < smallest)) smallest = std::abs(v);
        int decimals = smallest > 0 ? decimalsFor(smallest, 3) : 2;
        if (spec.logScale) {
            box->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        } else if (spec.maxValue > spec.minValue) {
            const double step = niceStep((spec.maxValue - spec.minValue) / 100.0);
            box->setSingleStep(step);
            decimals = std::max(decimals, decimalsFor(step, 2));
        }
        box->setDecimals(std::clamp(decimals, 2, 15));
        box->setRange(spec.minValue, spec.maxValue);
        box->setValue(spec.defaultValue);
        box->setKeyboardTracking(false);
        connect(box, &QDoubleSpinBox::valueChanged, this, &ParamForm::paramsChanged);
        return box;
    }
    case core::ParamType::Bool: {
        auto* box = new QCheckBox;
        box->setChecked(spec.defaultValue != 0);
        connect(box, &QCheckBox::toggled, this, &ParamForm::paramsChanged);
        return box;
    }
    case core::ParamType::Choice: {
        auto* box = new QComboBox;
        // Long choice names ("random-responsibilities") must not widen the dock.
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(10);
        for (const auto& c : spec.choices)
            box->addItem(choiceName(c), QString::fromStdString(c));
        const int index = box->findData(QString::fromStdString(spec.defaultChoice));
        if (index >= 0) box->setCurrentIndex(index);
        connect(box, &QComboBox::currentIndexChanged, this, &ParamForm::paramsChanged);
        return box;
    }
    }
    return new QWidget; // unreachable for valid specs
}

void ParamForm::setParams(const core::Params& params) {
    for (const auto& spec : m_specs) {
        if (!params.spec(spec.name)) continue;
        QWidget* editor = m_rows.at(spec.name).editor;
        const QSignalBlocker block(editor);
        try {
            switch (spec.type) {
            case core::ParamType::Int:
                static_cast<QSpinBox*>(editor)->setValue(
                    toInt(static_cast<double>(params.getInt(spec.name))));
                break;
            case core::ParamType::Real:
                static_cast<QDoubleSpinBox*>(editor)->setValue(params.getReal(spec.name));
                break;
            case core::ParamType::Bool:
                static_cast<QCheckBox*>(editor)->setChecked(params.getBool(spec.name));
                break;
            case core::ParamType::Choice: {
                auto* box = static_cast<QComboBox*>(editor);
                const int index =
                    box->findData(QString::fromStdString(params.getChoice(spec.name)));
                if (index >= 0) box->setCurrentIndex(index);
                break;
            }
            }
        } catch (const core::ParamError&) {
            // A value of another type under the same name: keep what the editor shows.
        }
    }
}

core::Params ParamForm::params() const {
    core::Params out(m_specs);
    for (const auto& spec : m_specs) {
        const QWidget* editor = m_rows.at(spec.name).editor;
        try {
            switch (spec.type) {
            case core::ParamType::Int:
                out.set(spec.name, int64_t{static_cast<const QSpinBox*>(editor)->value()});
                break;
            case core::ParamType::Real:
                out.set(spec.name, static_cast<const QDoubleSpinBox*>(editor)->value());
                break;
            case core::ParamType::Bool:
                out.set(spec.name, static_cast<const QCheckBox*>(editor)->isChecked());
                break;
            case core::ParamType::Choice:
                out.set(spec.name,
                        static_cast<const QComboBox*>(editor)->currentData().toString().toStdString());
                break;
            }
        } catch (const core::ParamError&) {
            // Cannot happen for editors clamped to the spec; the spec default stands.
        }
    }
    return out;
}

void ParamForm::setParamEnabled(const std::string& name, bool enabled) {
    const auto it = m_rows.find(name);
    if (it == m_rows.end()) return;
    it->second.label->setEnabled(enabled);
    it->second.editor->setEnabled(enabled);
}

} // namespace latentlab::ui
