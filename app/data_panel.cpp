#include "app/data_panel.h"

#include "core/datasets.h"
#include "widgets/param_form.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <exception>

namespace latentlab::app {

namespace {
const char* kOpenCsv = "__open_csv__";
}

DataPanel::DataPanel(QWidget* parent) : QGroupBox(tr("Data"), parent) {
    auto* layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    m_choice = new QComboBox;
    for (const auto& info : core::listDatasets()) {
        const QString name = QString::fromStdString(info.name);
        m_choice->addItem(info.generator ? tr("%1 (generated)").arg(name) : name, name);
        m_choice->setItemData(m_choice->count() - 1, QString::fromStdString(info.description),
                              Qt::ToolTipRole);
    }
    m_choice->insertSeparator(m_choice->count());
    m_choice->addItem(tr("Open CSV file…"), QString(kOpenCsv));
    m_form->addRow(tr("Data set"), m_choice);

    m_generatorHost = new QWidget;
    auto* hostLayout = new QVBoxLayout(m_generatorHost);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    m_form->addRow(m_generatorHost);

    m_seed = new QSpinBox;
    m_seed->setRange(0, 1'000'000);
    m_seed->setValue(1);
    m_seed->setToolTip(tr("Seed of the generator: the same seed gives the same points"));
    m_newSample = new QPushButton(tr("New sample"));
    m_newSample->setToolTip(tr("Draw the generator again with the next seed"));
    auto* seedRow = new QHBoxLayout;
    seedRow->addWidget(m_seed, 1);
    seedRow->addWidget(m_newSample);
    m_form->addRow(tr("Data seed"), seedRow);

    m_standardize = new QCheckBox(tr("Standardise (z-score each feature)"));
    m_standardize->setToolTip(tr("x ← (x − mean) / standard deviation, per feature"));
    m_form->addRow(m_standardize);

    m_featureX = new QComboBox;
    m_featureY = new QComboBox;
    m_form->addRow(tr("x axis"), m_featureX);
    m_form->addRow(tr("y axis"), m_featureY);
    layout->addLayout(m_form);

    connect(m_choice, &QComboBox::activated, this, [this](int index) {
        const QString name = m_choice->itemData(index).toString();
        if (name == kOpenCsv) {
            openCsv();
            return;
        }
        select(name);
    });
    connect(m_newSample, &QPushButton::clicked, this, [this] {
        m_seed->setValue(m_seed->value() + 1);
        reload();
    });
    connect(m_seed, &QSpinBox::editingFinished, this, [this] { reload(); });
    connect(m_standardize, &QCheckBox::toggled, this, [this] { reload(); });
    auto features = [this] {
        if (!m_loading) emit featuresChanged();
    };
    connect(m_featureX, &QComboBox::currentIndexChanged, this, features);
    connect(m_featureY, &QComboBox::currentIndexChanged, this, features);
}

bool DataPanel::standardized() const { return m_standardize->isChecked(); }
bool DataPanel::isGenerator() const {
    const auto* info = core::findDataset(m_name.toStdString());
    return info && info->generator;
}
uint64_t DataPanel::dataSeed() const { return static_cast<uint64_t>(m_seed->value()); }
int DataPanel::featureX() const { return std::max(0, m_featureX->currentIndex()); }
int DataPanel::featureY() const { return std::max(0, m_featureY->currentIndex()); }

void DataPanel::setStandardize(bool on) {
    const QSignalBlocker block(m_standardize);
    m_standardize->setChecked(on);
}

void DataPanel::setDataSeed(uint64_t seed) {
    const QSignalBlocker block(m_seed);
    m_seed->setValue(static_cast<int>(seed));
}

void DataPanel::setGeneratorParam(const QString& name, const QString& value) {
    if (!m_generatorForm) return;
    core::Params p = m_generatorForm->params();
    p.setFromString(name.toStdString(), value.toStdString());
    m_generatorForm->setParams(p);
}

bool DataPanel::select(const QString& nameOrPath) {
    const auto* info = core::findDataset(nameOrPath.toStdString());
    const QString previousName = m_name, previousCsv = m_csvPath;
    if (info) {
        m_name = nameOrPath;
        m_csvPath.clear();
    } else {
        m_name = QFileInfo(nameOrPath).fileName();
        m_csvPath = nameOrPath;
    }
    rebuildGeneratorForm();
    if (!reload()) {
        m_name = previousName;
        m_csvPath = previousCsv;
        rebuildGeneratorForm();
        return false;
    }
    return true;
}

void DataPanel::rebuildGeneratorForm() {
    delete m_generatorForm;
    m_generatorForm = nullptr;
    const auto* info = core::findDataset(m_name.toStdString());
    const bool generator = info && info->generator;
    if (generator) {
        m_generatorForm = new ui::ParamForm(info->params);
        m_generatorHost->layout()->addWidget(m_generatorForm);
        connect(m_generatorForm, &ui::ParamForm::paramsChanged, this, [this] { reload(); });
    }
    m_seed->setEnabled(generator);
    m_newSample->setEnabled(generator);
    const QString key = m_csvPath.isEmpty() ? m_name : m_csvPath;
    const int index = m_choice->findData(key);
    const QSignalBlocker block(m_choice);
    if (index >= 0) {
        m_choice->setCurrentIndex(index);
    } else if (!m_csvPath.isEmpty()) {
        m_choice->insertItem(0, m_name, m_csvPath);
        m_choice->setItemData(0, m_csvPath, Qt::ToolTipRole);
        m_choice->setCurrentIndex(0);
    }
}

bool DataPanel::reload() {
    if (m_name.isEmpty()) return false;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    std::shared_ptr<core::Dataset> data;
    try {
        const std::string source = (m_csvPath.isEmpty() ? m_name : m_csvPath).toStdString();
        const core::Params params = m_generatorForm ? m_generatorForm->params()
                                                    : core::datasetParams(source);
        data = std::make_shared<core::Dataset>(core::loadDataset(source, params, dataSeed()));
        // Images keep their grey levels: z-scoring every pixel would blow up the nearly constant
        // border pixels and make eigen-images and reconstructions unreadable.
        if (standardized() && !data->imageShape) core::standardize(*data);
    } catch (const std::exception& e) {
        QApplication::restoreOverrideCursor();
        emit failed(QString::fromStdString(e.what()));
        return false;
    }
    QApplication::restoreOverrideCursor();
    m_standardize->setEnabled(!data->imageShape);
    m_standardize->setToolTip(data->imageShape ? tr("Image data keep their grey levels (not z-scored)")
                                               : tr("x ← (x − mean) / standard deviation, per feature"));
    const bool sameFeatures = m_data && m_data->featureNames == data->featureNames;
    m_data = std::move(data);
    if (!sameFeatures) rebuildFeatureChoices();
    emit datasetChanged();
    return true;
}

void DataPanel::rebuildFeatureChoices() {
    m_loading = true;
    m_featureX->clear();
    m_featureY->clear();
    for (int j = 0; j < m_data->d(); ++j) {
        const QString name = j < static_cast<int>(m_data->featureNames.size())
                                 ? QString::fromStdString(m_data->featureNames[static_cast<size_t>(j)])
                                 : QStringLiteral("x%1").arg(j + 1);
        m_featureX->addItem(name);
        m_featureY->addItem(name);
    }
    m_featureX->setCurrentIndex(0);
    m_featureY->setCurrentIndex(m_data->d() > 1 ? 1 : 0);
    const bool choose = m_data->d() > 2;
    m_featureX->setEnabled(choose);
    m_featureY->setEnabled(choose);
    m_loading = false;
}

void DataPanel::openCsv() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a CSV file"), QString(),
                                                      tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
    if (path.isEmpty()) {
        rebuildGeneratorForm(); // put the combo back on the current data set
        return;
    }
    select(path);
}

} // namespace latentlab::app
