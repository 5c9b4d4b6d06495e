#pragma once
// Where the data comes from: a built-in data set, a seeded generator with its parameters, or
// a CSV file; optional z-scoring; which two features the scatter view shows.
#include "core/dataset.h"
#include "core/params.h"

#include <QGroupBox>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QFormLayout;
class QPushButton;
class QSpinBox;

namespace latentlab::ui {
class ParamForm;
}

namespace latentlab::app {

class DataPanel : public QGroupBox {
    Q_OBJECT
public:
    explicit DataPanel(QWidget* parent = nullptr);
    ~DataPanel() override;

    /// Selects a built-in or generator by name, or a CSV or IDX path, and loads it. False (and
    /// failed() emitted) if it cannot be loaded; the previous data stays. Large sources
    /// (Fashion-MNIST, IDX files) load on a pool thread with a progress bar, the time left and a
    /// Cancel button: select() then returns true at once, datasetChanged() follows when the data
    /// are in, and a failure or a cancel puts the previous choice back (isLoading() meanwhile).
    bool select(const QString& nameOrPath);
    bool isLoading() const { return m_job != nullptr; }
    /// Stops a load in progress; the previous data stay.
    void cancelLoad();
    void setStandardize(bool on);
    void setDataSeed(uint64_t seed);
    /// Sets a generator parameter by name before the next load (e.g. "n").
    void setGeneratorParam(const QString& name, const QString& value);

    /// The data as loaded (and standardised if asked), before any edit in the view.
    std::shared_ptr<const core::Dataset> dataset() const { return m_data; }
    QString datasetName() const { return m_name; }
    /// The file the data came from (CSV or IDX), or empty for built-ins and generators.
    QString sourcePath() const { return m_csvPath; }
    /// The generator's parameters (empty Params for files and built-ins).
    core::Params generatorParams() const;
    /// Chooses the two features the scatter view shows (clamped to the data's features).
    void setFeatures(int featureX, int featureY);
    bool standardized() const;
    bool isGenerator() const;
    uint64_t dataSeed() const;
    int featureX() const;
    int featureY() const;

public slots:
    /// Loads again with the current settings (a new sample when the seed was changed).
    bool reload();
    void openCsv();

signals:
    void datasetChanged();
    void featuresChanged();
    void failed(const QString& message);

private:
    struct LoadJob;
    void rebuildGeneratorForm();
    /// Takes freshly loaded data: feature choices, the standardise box, datasetChanged().
    void accept(std::shared_ptr<core::Dataset> data);
    void startAsyncLoad(const std::string& source, const core::Params& params, uint64_t seed, bool standardize);
    void finishAsyncLoad();
    /// Cancels and waits for a load in progress, without touching the choice.
    void stopJob();
    void restorePrevious();
    void rebuildFeatureChoices();

    QComboBox* m_choice = nullptr;
    QFormLayout* m_form = nullptr;
    ui::ParamForm* m_generatorForm = nullptr;
    QWidget* m_generatorHost = nullptr;
    QSpinBox* m_seed = nullptr;
    QCheckBox* m_standardize = nullptr;
    QComboBox* m_featureX = nullptr;
    QComboBox* m_featureY = nullptr;
    QPushButton* m_newSample = nullptr;
    QString m_name;
    QString m_csvPath;
    std::shared_ptr<const core::Dataset> m_data;
    bool m_loading = false;
    QWidget* m_progressRow = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressText = nullptr;
    std::shared_ptr<LoadJob> m_job;       ///< the load in progress, or null
    QString m_previousName, m_previousCsv; ///< put back when an asynchronous load fails
};

} // namespace latentlab::app
