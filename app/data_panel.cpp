#include "app/data_panel.h"

#include "core/datasets.h"
#include "widgets/core_text.h"
#include "widgets/param_form.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QPushButton>
#include <QSpinBox>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QLabel>
#include <QProgressBar>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <exception>

namespace latentlab::app {

namespace {
const char* kOpenCsv = "__open_csv__";

/// Sources worth a progress bar: Fashion-MNIST (60 000 images to gunzip) and IDX files.
bool slowSource(const std::string& source) {
    return source.rfind("fashion-mnist", 0) == 0 || core::hasIdxSuffix(source);
}
} // namespace

struct DataPanel::LoadJob {
    std::atomic<bool> cancel{false};
    std::atomic<double> progress{0.0};
    QElapsedTimer clock;
    QString label;
    QFutureWatcher<std::shared_ptr<core::Dataset>> watcher;
    QTimer ticker;
};

DataPanel::DataPanel(QWidget* parent) : QGroupBox(tr("Data"), parent) {
    auto* layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    m_choice = new QComboBox;
    for (const auto& info : core::listDatasets()) {
        const QString name = QString::fromStdString(info.name);
        m_choice->addItem(info.generator ? tr("%1 (generated)").arg(name) : name, name);
        m_choice->setItemData(m_choice->count() - 1, ui::datasetDescription(info.description),
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

    m_progressRow = new QWidget;
    auto* progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progressText = new QLabel;
    auto* cancel = new QPushButton(tr("Cancel"));
    cancel->setToolTip(tr("Stop loading and keep the data you had"));
    connect(cancel, &QPushButton::clicked, this, &DataPanel::cancelLoad);
    auto* column = new QVBoxLayout;
    column->addWidget(m_progressText);
    column->addWidget(m_progress);
    progressLayout->addLayout(column, 1);
    progressLayout->addWidget(cancel);
    m_progressRow->hide();
    layout->addWidget(m_progressRow);

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

core::Params DataPanel::generatorParams() const { return m_generatorForm ? m_generatorForm->params() : core::Params(); }

void DataPanel::setFeatures(int featureX, int featureY) {
    if (featureX >= 0 && featureX < m_featureX->count()) m_featureX->setCurrentIndex(featureX);
    if (featureY >= 0 && featureY < m_featureY->count()) m_featureY->setCurrentIndex(featureY);
}

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
    if (!m_job) { // while a load runs, "previous" stays the data actually shown
        m_previousName = m_name;
        m_previousCsv = m_csvPath;
    }
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
    const std::string source = (m_csvPath.isEmpty() ? m_name : m_csvPath).toStdString();
    core::Params params;
    try {
        params = m_generatorForm ? m_generatorForm->params() : core::datasetParams(source);
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return false;
    }
    if (slowSource(source)) {
        startAsyncLoad(source, params, dataSeed(), standardized());
        return true;
    }
    stopJob();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    std::shared_ptr<core::Dataset> data;
    try {
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
    accept(std::move(data));
    return true;
}

void DataPanel::accept(std::shared_ptr<core::Dataset> data) {
    m_standardize->setEnabled(!data->imageShape);
    m_standardize->setToolTip(data->imageShape ? tr("Image data keep their grey levels (not z-scored)")
                                               : tr("x ← (x − mean) / standard deviation, per feature"));
    const bool sameFeatures = m_data && m_data->featureNames == data->featureNames;
    m_data = std::move(data);
    if (!sameFeatures) rebuildFeatureChoices();
    emit datasetChanged();
}

void DataPanel::startAsyncLoad(const std::string& source, const core::Params& params, uint64_t seed, bool standardize) {
    stopJob(); // a newer choice replaces a load in progress
    auto job = std::make_shared<LoadJob>();
    job->label = QString::fromStdString(source);
    job->clock.start();
    m_job = job;
    std::weak_ptr<LoadJob> weak = job;
    connect(&job->watcher, &QFutureWatcher<std::shared_ptr<core::Dataset>>::finished, this, [this, weak] {
        if (!weak.expired() && m_job == weak.lock()) finishAsyncLoad();
    });
    job->ticker.setInterval(100);
    connect(&job->ticker, &QTimer::timeout, this, [this, raw = job.get()] {
        const LoadJob* job = raw;
        const double f = job->progress.load();
        m_progress->setValue(static_cast<int>(1000 * f));
        const double elapsed = job->clock.elapsed() / 1000.0;
        QString text = tr("Loading %1… %2%").arg(job->label).arg(static_cast<int>(100 * f));
        if (f > 0.05 && elapsed > 0.3) text += tr(", about %1 s left").arg(elapsed * (1 - f) / f, 0, 'f', 1);
        m_progressText->setText(text);
    });
    job->ticker.start();
    m_progress->setValue(0);
    m_progressText->setText(tr("Loading %1…").arg(job->label));
    m_progressRow->show();
    LoadJob* raw = job.get(); // the job outlives the task: finishAsyncLoad() waits for it
    job->watcher.setFuture(QtConcurrent::run([raw, source, params, seed, standardize] {
        core::LoadControl control;
        control.progress = [raw](double f) { raw->progress = f; };
        control.cancel = &raw->cancel;
        auto data = std::make_shared<core::Dataset>(core::loadDataset(source, params, seed, control));
        if (standardize && !data->imageShape) core::standardize(*data);
        return data;
    }));
}

void DataPanel::finishAsyncLoad() {
    std::shared_ptr<LoadJob> job = std::move(m_job);
    m_progressRow->hide();
    job->ticker.stop();
    std::shared_ptr<core::Dataset> data;
    try {
        data = job->watcher.future().result();
    } catch (const core::LoadCancelled&) {
        restorePrevious();
        return;
    } catch (const std::exception& e) {
        restorePrevious();
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    accept(std::move(data));
}

void DataPanel::stopJob() {
    if (!m_job) return;
    std::shared_ptr<LoadJob> job = std::move(m_job);
    job->cancel = true;
    job->ticker.stop();
    try {
        job->watcher.waitForFinished(); // the loader polls the flag about once per MB
    } catch (...) {
        // LoadCancelled or any other failure of a load nobody waits for any more.
    }
    m_progressRow->hide();
}

void DataPanel::cancelLoad() {
    if (!m_job) return;
    stopJob();
    restorePrevious();
}

DataPanel::~DataPanel() { stopJob(); }

void DataPanel::restorePrevious() {
    m_name = m_previousName;
    m_csvPath = m_previousCsv;
    rebuildGeneratorForm();
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
