#include "core/nn_layers.h"

#include <cmath>
#include <stdexcept>

namespace latentlab::core::nn {

namespace {

constexpr int kMaxWidth = 1 << 16;

struct ActivationEntry {
    Activation a;
    const char* name;
};
constexpr ActivationEntry kActivations[] = {
    {Activation::Identity, "identity"}, {Activation::ReLU, "relu"},
    {Activation::LeakyReLU, "leaky-relu"}, {Activation::Tanh, "tanh"},
    {Activation::Sigmoid, "sigmoid"}, {Activation::SiLU, "silu"},
};

} // namespace

std::string activationName(Activation a) {
    for (const auto& e : kActivations)
        if (e.a == a) return e.name;
    return "identity";
}

Activation activationFromName(const std::string& name) {
    std::string all;
    for (const auto& e : kActivations) {
        if (name == e.name) return e.a;
        all += all.empty() ? e.name : std::string(", ") + e.name;
    }
    throw std::invalid_argument("unknown activation \"" + name + "\" (use one of: " + all + ")");
}

// ---- activations: forward and backward side by side -------------------------------------

template <typename T>
void activationForward(Activation f, T slope, const Mat<T>& Z, Mat<T>& A) {
    A.resize(Z.rows(), Z.cols());
    switch (f) {
    case Activation::Identity: A = Z; break;
    case Activation::ReLU: A = Z.cwiseMax(T(0)); break;
    case Activation::LeakyReLU:
        A = (Z.array() > T(0)).select(Z, slope * Z);
        break;
    case Activation::Tanh: A = Z.array().tanh(); break;
    case Activation::Sigmoid: A = Z.array().logistic(); break;
    case Activation::SiLU: A = Z.array() * Z.array().logistic(); break;
    }
}

template <typename T>
void activationBackward(Activation f, T slope, const Mat<T>& Z, const Mat<T>& A,
                        const Mat<T>& dA, Mat<T>& dZ) {
    dZ.resize(dA.rows(), dA.cols());
    switch (f) {
    case Activation::Identity: dZ = dA; break;
    case Activation::ReLU:
        dZ = (Z.array() > T(0)).select(dA, T(0));
        break;
    case Activation::LeakyReLU:
        dZ = (Z.array() > T(0)).select(dA, slope * dA);
        break;
    case Activation::Tanh: dZ = dA.array() * (T(1) - A.array().square()); break;
    case Activation::Sigmoid: dZ = dA.array() * A.array() * (T(1) - A.array()); break;
    case Activation::SiLU: {
        const auto s = Z.array().logistic();
        dZ = dA.array() * s * (T(1) + Z.array() * (T(1) - s));
        break;
    }
    }
}

// ---- dense layer -------------------------------------------------------------------------

template <typename T> Dense<T>::Dense(const LayerSpec& spec) : m_spec(spec) {
    if (spec.inputs < 1 || spec.outputs < 1 || spec.inputs > kMaxWidth || spec.outputs > kMaxWidth)
        throw std::invalid_argument("a layer needs between 1 and 65536 inputs and outputs, not " +
                                    std::to_string(spec.inputs) + " → " +
                                    std::to_string(spec.outputs));
    if (!std::isfinite(spec.negativeSlope))
        throw std::invalid_argument("the LeakyReLU slope must be finite");
    W = Mat<T>::Zero(spec.inputs, spec.outputs);
    b = RowVec<T>::Zero(spec.outputs);
    dW = Mat<T>::Zero(spec.inputs, spec.outputs);
    db = RowVec<T>::Zero(spec.outputs);
}

template <typename T> const Mat<T>& Dense<T>::forward(const Mat<T>& X, Cache& c) const {
    if (X.cols() != W.rows())
        throw std::invalid_argument("layer input has " + std::to_string(X.cols()) +
                                    " features, the layer expects " + std::to_string(W.rows()));
    c.input = &X;
    c.Z.resize(X.rows(), W.cols());
    c.Z.rowwise() = b; // the bias first, then the product added: no separate zeroing pass
    if (W.rows() <= 4)
        c.Z.noalias() += X.lazyProduct(W); // a rank-2 (…4) update: GEMM's packing costs more
    else
        c.Z.noalias() += X * W;
    if (m_spec.activation == Activation::Identity) return c.Z;
    activationForward(m_spec.activation, T(m_spec.negativeSlope), c.Z, c.A);
    return c.A;
}

template <typename T>
const Mat<T>& Dense<T>::backward(const Mat<T>& dA, Grad mode, Cache& c, Mat<T>& dWOut, RowVec<T>& dbOut,
                                 bool accumulate) const {
    if (!c.input || dA.rows() != c.Z.rows() || dA.cols() != c.Z.cols())
        throw std::logic_error("Dense::backward needs the gradient of the last forward's output");
    const Mat<T>* dZ = &dA;
    if (m_spec.activation != Activation::Identity) {
        activationBackward(m_spec.activation, T(m_spec.negativeSlope), c.Z, c.A, dA, c.dZ);
        dZ = &c.dZ;
    }
    if (mode != Grad::InputOnly) {
        if (accumulate) {
            dWOut.noalias() += c.input->transpose() * *dZ;
            dbOut += dZ->colwise().sum();
        } else {
            dWOut.resize(W.rows(), W.cols());
            dWOut.noalias() = c.input->transpose() * *dZ;
            dbOut = dZ->colwise().sum();
        }
    }
    if (mode == Grad::ParamsOnly) {
        c.dX.resize(0, W.rows());
        return c.dX;
    }
    c.dX.resize(dZ->rows(), W.rows());
    c.dX.noalias() = *dZ * W.transpose();
    return c.dX;
}

template <typename T> Mat<T> Dense<T>::predict(const Mat<T>& X) const {
    if (X.cols() != W.rows())
        throw std::invalid_argument("layer input has " + std::to_string(X.cols()) +
                                    " features, the layer expects " + std::to_string(W.rows()));
    Mat<T> Z = X * W;
    Z.rowwise() += b;
    if (m_spec.activation == Activation::Identity) return Z;
    Mat<T> A;
    activationForward(m_spec.activation, T(m_spec.negativeSlope), Z, A);
    return A;
}

// ---- multilayer perceptron ---------------------------------------------------------------

template <typename T> Mlp<T>::Mlp(std::vector<LayerSpec> specs) {
    if (specs.empty()) throw std::invalid_argument("a network needs at least one layer");
    for (size_t i = 0; i + 1 < specs.size(); ++i)
        if (specs[i].outputs != specs[i + 1].inputs)
            throw std::invalid_argument("layer " + std::to_string(i) + " has " +
                                        std::to_string(specs[i].outputs) + " outputs but layer " +
                                        std::to_string(i + 1) + " has " +
                                        std::to_string(specs[i + 1].inputs) + " inputs");
    m_layers.reserve(specs.size());
    for (const auto& s : specs) m_layers.emplace_back(s);
}

template <typename T>
Mlp<T> Mlp<T>::make(int inputs, const std::vector<int>& hidden, int outputs, Activation act,
                    Activation output, double slope) {
    std::vector<LayerSpec> specs;
    int in = inputs;
    for (int w : hidden) {
        specs.push_back({in, w, act, slope});
        in = w;
    }
    specs.push_back({in, outputs, output, slope});
    return Mlp(std::move(specs));
}

template <typename T> void Mlp<T>::initialise(Init scheme, Rng& rng) {
    for (auto& layer : m_layers) {
        const double nIn = layer.spec().inputs, nOut = layer.spec().outputs;
        switch (scheme) {
        case Init::He: {
            const double sd = std::sqrt(2.0 / nIn);
            for (Eigen::Index j = 0; j < layer.W.cols(); ++j)
                for (Eigen::Index i = 0; i < layer.W.rows(); ++i) layer.W(i, j) = T(sd * rng.normal());
            layer.b.setZero();
            break;
        }
        case Init::Xavier: {
            const double a = std::sqrt(6.0 / (nIn + nOut));
            for (Eigen::Index j = 0; j < layer.W.cols(); ++j)
                for (Eigen::Index i = 0; i < layer.W.rows(); ++i) layer.W(i, j) = T(rng.uniform(-a, a));
            layer.b.setZero();
            break;
        }
        case Init::TorchDefault: {
            const double a = 1.0 / std::sqrt(nIn);
            for (Eigen::Index j = 0; j < layer.W.cols(); ++j)
                for (Eigen::Index i = 0; i < layer.W.rows(); ++i) layer.W(i, j) = T(rng.uniform(-a, a));
            for (Eigen::Index j = 0; j < layer.b.size(); ++j) layer.b(j) = T(rng.uniform(-a, a));
            break;
        }
        }
    }
}

template <typename T> Eigen::Index Mlp<T>::parameterCount() const {
    Eigen::Index n = 0;
    for (const auto& l : m_layers) n += l.W.size() + l.b.size();
    return n;
}

template <typename T> const Mat<T>& Mlp<T>::forward(const Mat<T>& X) {
    const Mat<T>* x = &X;
    for (auto& layer : m_layers) x = &layer.forward(*x);
    return *x;
}

template <typename T> const Mat<T>& Mlp<T>::backward(const Mat<T>& dOut, Grad mode, bool accumulate) {
    const Mat<T>* g = &dOut;
    for (size_t i = m_layers.size(); i-- > 0;) {
        Grad layerMode = mode;
        if (i > 0) layerMode = mode == Grad::InputOnly ? Grad::InputOnly : Grad::ParamsAndInput;
        g = &m_layers[i].backward(*g, layerMode, accumulate);
    }
    if (mode == Grad::ParamsOnly) return m_empty;
    return *g;
}

template <typename T> Mat<T> Mlp<T>::predict(const Mat<T>& X) const {
    Mat<T> x = X;
    for (const auto& layer : m_layers) x = layer.predict(x);
    return x;
}

template <typename T> typename Mlp<T>::Workspace Mlp<T>::makeWorkspace() const {
    Workspace ws;
    ws.caches.resize(m_layers.size());
    for (const auto& l : m_layers) {
        ws.dW.push_back(Mat<T>::Zero(l.W.rows(), l.W.cols()));
        ws.db.push_back(RowVec<T>::Zero(l.b.size()));
    }
    return ws;
}

template <typename T> const Mat<T>& Mlp<T>::forward(const Mat<T>& X, Workspace& ws) const {
    if (ws.caches.size() != m_layers.size()) throw std::logic_error("workspace of another network");
    const Mat<T>* x = &X;
    for (size_t i = 0; i < m_layers.size(); ++i) x = &m_layers[i].forward(*x, ws.caches[i]);
    return *x;
}

template <typename T>
const Mat<T>& Mlp<T>::backward(const Mat<T>& dOut, Grad mode, Workspace& ws, bool accumulate) const {
    const Mat<T>* g = &dOut;
    for (size_t i = m_layers.size(); i-- > 0;) {
        Grad layerMode = mode;
        if (i > 0) layerMode = mode == Grad::InputOnly ? Grad::InputOnly : Grad::ParamsAndInput;
        g = &m_layers[i].backward(*g, layerMode, ws.caches[i], ws.dW[i], ws.db[i], accumulate);
    }
    return *g; // for ParamsOnly: layer 0's empty dX
}

template <typename T> void Mlp<T>::sumGradients(const std::vector<const Workspace*>& parts) {
    for (size_t i = 0; i < m_layers.size(); ++i) {
        auto& l = m_layers[i];
        l.dW = parts.front()->dW[i];
        l.db = parts.front()->db[i];
        for (size_t k = 1; k < parts.size(); ++k) {
            l.dW += parts[k]->dW[i];
            l.db += parts[k]->db[i];
        }
    }
}

template <typename T> std::vector<ParamRef<T>> Mlp<T>::parameters() {
    std::vector<ParamRef<T>> p;
    for (auto& l : m_layers) {
        p.push_back({l.W.data(), l.dW.data(), l.W.size()});
        p.push_back({l.b.data(), l.db.data(), l.b.size()});
    }
    return p;
}

template <typename T> bool Mlp<T>::allFinite() const {
    for (const auto& l : m_layers)
        if (!l.W.allFinite() || !l.b.allFinite()) return false;
    return true;
}

template void activationForward<float>(Activation, float, const Mat<float>&, Mat<float>&);
template void activationForward<double>(Activation, double, const Mat<double>&, Mat<double>&);
template void activationBackward<float>(Activation, float, const Mat<float>&, const Mat<float>&,
                                        const Mat<float>&, Mat<float>&);
template void activationBackward<double>(Activation, double, const Mat<double>&,
                                         const Mat<double>&, const Mat<double>&, Mat<double>&);
template class Dense<float>;
template class Dense<double>;
template class Mlp<float>;
template class Mlp<double>;

} // namespace latentlab::core::nn
