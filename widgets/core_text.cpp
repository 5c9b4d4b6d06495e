#include "widgets/core_text.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace latentlab::ui {

namespace {

QString translate(const char* context, const std::string& text) {
    if (text.empty()) return {};
    return QCoreApplication::translate(context, text.c_str());
}

/// A number: an optional '-', digits, an optional fraction and exponent, not inside a name (x_1,
/// PC2, 1-D); the '-' of "CD-1" or "1-2" follows a letter or digit and is left out.
const QRegularExpression& numberPattern() {
    static const QRegularExpression re(QStringLiteral(R"((?<![A-Za-z_\d.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![A-Za-z\d]))"));
    return re;
}

} // namespace

QString paramLabel(const core::ParamSpec& spec) {
    return spec.label.empty() ? QString::fromStdString(spec.name) : translate("ParamSpec", spec.label);
}

QString paramDoc(const core::ParamSpec& spec) { return translate("ParamSpec", spec.doc); }

QString choiceName(const std::string& choice) { return translate("ParamSpec", choice); }

QString datasetDescription(const std::string& description) { return translate("Dataset", description); }

QString coreTextTemplate(const QString& text, QStringList* numbers) {
    QString out;
    qsizetype last = 0;
    int count = 0;
    for (auto it = numberPattern().globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last) + QLatin1Char('%') + QString::number(++count);
        if (numbers) *numbers << m.captured();
        last = m.capturedEnd();
    }
    return out + text.mid(last);
}

QString coreText(const std::string& text) {
    const QString original = QString::fromStdString(text);
    const QString whole = translate("CoreText", text);
    if (whole != original) return whole;
    QStringList numbers;
    const QString pattern = coreTextTemplate(original, &numbers);
    if (numbers.isEmpty()) return original;
    const QByteArray key = pattern.toUtf8();
    QString translated = QCoreApplication::translate("CoreText", key.constData());
    if (translated == pattern) return original;
    // Highest index first, so that filling %1 cannot eat the start of %10.
    for (int i = static_cast<int>(numbers.size()); i >= 1; --i)
        translated.replace(QLatin1Char('%') + QString::number(i), numbers[i - 1]);
    return translated;
}

} // namespace latentlab::ui
