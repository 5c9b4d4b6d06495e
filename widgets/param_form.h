#pragma once
// A form built from core::ParamSpec descriptions (core/params.h), so every model's
// hyperparameters get the same editors in the GUI as `--name value` options in the CLI.
#include "core/params.h"

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QFormLayout;
class QLabel;

namespace latentlab::ui {

/// One editor per spec, in spec order: Int → QSpinBox (spec range), Real → spin box with the
/// spec range (logScale: adaptive decimal steps, scientific notation accepted), Bool →
/// QCheckBox, Choice → QComboBox listing the choice names verbatim. Row label = spec.label,
/// tooltip = spec.doc.
class ParamForm : public QWidget {
    Q_OBJECT
public:
    explicit ParamForm(std::vector<core::ParamSpec> specs, QWidget* parent = nullptr);

    /// Shows the values of `params` (names it has no spec for are left as they are) without
    /// emitting paramsChanged().
    void setParams(const core::Params& params);
    /// The values shown, as Params over this form's specs (always within the spec ranges).
    core::Params params() const;
    /// Enables or greys out the row of parameter `name` (label and editor); unknown names
    /// are ignored.
    void setParamEnabled(const std::string& name, bool enabled);

signals:
    /// The user finished changing a value: a spin box on Enter / focus-out / arrow step
    /// (not on every keystroke), a check box or combo box immediately.
    void paramsChanged();

private:
    struct Row {
        QLabel* label = nullptr;
        QWidget* editor = nullptr;
    };
    QWidget* makeEditor(const core::ParamSpec& spec);

    std::vector<core::ParamSpec> m_specs;
    std::map<std::string, Row> m_rows;
    QFormLayout* m_layout = nullptr;
};

} // namespace latentlab::ui
