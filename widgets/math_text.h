#pragma once
// Small helpers for formulas in plain text (scene labels, legends), where rich text is not
// available.
#include <QString>

namespace latentlab::ui {

/// The decimal digits of `k` as Unicode subscripts: 12 → "₁₂", -3 → "₋₃" (labels such as π₁, θ₁₂).
inline QString subscriptDigits(int k) {
    QString s = QString::number(k);
    for (QChar& c : s) c = c == u'-' ? QChar(0x208B) : QChar(0x2080 + (c.unicode() - u'0'));
    return s;
}

} // namespace latentlab::ui
