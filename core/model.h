#pragma once
// The one step-wise interface every algorithm implements (DESIGN.md "One algorithm = one
// step-wise model"). The caller owns the loop; a step is one unit the user can see.
#include "core/dataset.h"
#include "core/params.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace latentlab::core {

/// Something noteworthy that happened during a step (an empty cluster re-seeded, a component
/// collapsed, divergence). Shown in the GUI's log and status bar.
struct ModelEvent {
    enum class Kind { Info, Warning, Diverged };
    Kind kind = Kind::Info;
    std::string message;
};

/// An immutable picture of a model after some step: everything a view needs, tagged with
/// what produced it. Never refers to live model state.
struct Snapshot {
    virtual ~Snapshot() = default;
    uint64_t runId = 0;       ///< which run produced it; stale ids are dropped by the GUI
    int64_t stepCount = 0;    ///< model steps taken so far (0 = just initialised)
    int64_t iteration = 0;    ///< completed iterations (a k-means iteration = assign + update)
    std::string phase;        ///< machine name of the step just done, e.g. "assign"
    std::string phaseLabel;   ///< what the user reads, e.g. "reassign points to nearest centroid"
    bool converged = false;   ///< the algorithm's own stopping rule fired
    bool finished = false;    ///< no more steps will change anything (converged or max iterations)
    std::shared_ptr<const Dataset> data; ///< the data this state refers to (shared, immutable)
    double objective = 0;     ///< the model's objective after this step (k-means: J)
    std::vector<ModelEvent> events; ///< events raised by this step
    /// Set on a state made by a named edit between steps rather than by step() (the GUI's
    /// "sample-now", "train-d", "train-g"): sessions replay such edits by name.
    std::string edit;
    /// Approximate memory held by this snapshot alone (not shared buffers), for history limits.
    virtual size_t byteSize() const { return sizeof(*this); }
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

class Model {
public:
    virtual ~Model() = default;

    /// Machine name, e.g. "kmeans".
    virtual std::string name() const = 0;
    /// The hyperparameters this model takes.
    virtual std::vector<ParamSpec> paramSpecs() const = 0;
    /// Model steps that make one iteration (k-means: 2, assign and update).
    virtual int stepsPerIteration() const { return 1; }

    /// Validates and initialises. Throws ParamError / std::invalid_argument with a message a
    /// student understands; on throw the model keeps its previous state.
    virtual void reset(const Dataset& data, const Params& params, uint64_t seed) = 0;
    /// One visible unit of work. Does nothing once converged().
    virtual void step() = 0;
    virtual bool converged() const = 0;
    /// Converged, or stopped by an iteration limit: the runner stops playing.
    virtual bool finished() const { return converged(); }
    /// Everything a view needs, copied (or shared immutably) out of the model.
    virtual SnapshotPtr snapshot() const = 0;
    /// Puts the model back to the state a snapshot of this model recorded (for scrubbing
    /// back and continuing). Returns false if the snapshot is of another kind.
    virtual bool restore(const Snapshot& snap) = 0;

    /// Replaces the data while keeping learned state (points added or removed in the GUI).
    /// Throws std::invalid_argument if the data does not fit (other d, too few points).
    virtual void replaceData(const Dataset& data) = 0;
    virtual std::shared_ptr<const Dataset> data() const = 0;

    /// Run id stamped on every snapshot, so the GUI can drop snapshots of an older run.
    void setRunId(uint64_t id) { m_runId = id; }
    uint64_t runId() const { return m_runId; }

protected:
    uint64_t m_runId = 0;
};

} // namespace latentlab::core
