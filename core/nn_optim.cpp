#include "core/nn_optim.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace latentlab::core::nn {

namespace {

void checkRate(double lr) {
    if (!(lr > 0.0) || !std::isfinite(lr))
        throw std::invalid_argument("the learning rate must be a positive number, not " +
                                    std::to_string(lr));
}

template <typename T>
void sizeState(std::vector<std::vector<T>>& state, const std::vector<ParamRef<T>>& params) {
    if (state.empty()) {
        for (const auto& p : params) state.emplace_back(size_t(p.size), T(0));
        return;
    }
    bool same = state.size() == params.size();
    for (size_t i = 0; same && i < params.size(); ++i) same = state[i].size() == size_t(params[i].size);
    if (!same)
        throw std::invalid_argument("the optimiser was used with a network of another shape");
}

} // namespace

template <typename T> Sgd<T>::Sgd(SgdOptions o) : m_o(o) {
    checkRate(o.learningRate);
    if (!(o.momentum >= 0.0 && o.momentum < 1.0))
        throw std::invalid_argument("SGD momentum must be in [0, 1)");
    if (!(o.weightDecay >= 0.0) || !std::isfinite(o.weightDecay))
        throw std::invalid_argument("weight decay must be ≥ 0");
}

template <typename T> void Sgd<T>::setLearningRate(double lr) {
    checkRate(lr);
    m_o.learningRate = lr;
}

template <typename T> void Sgd<T>::step(const std::vector<ParamRef<T>>& params) {
    sizeState(m_buf, params);
    const T lr = T(m_o.learningRate), mu = T(m_o.momentum), wd = T(m_o.weightDecay);
    const bool first = m_t == 0;
    ++m_t;
    for (size_t k = 0; k < params.size(); ++k) {
        T* p = params[k].value;
        const T* g = params[k].grad;
        T* buf = m_buf[k].data();
        for (Eigen::Index i = 0; i < params[k].size; ++i) {
            const T gi = wd != T(0) ? g[i] + wd * p[i] : g[i];
            if (mu == T(0)) {
                p[i] -= lr * gi;
                continue;
            }
            buf[i] = first ? gi : mu * buf[i] + gi;
            p[i] -= lr * buf[i];
        }
    }
}

template <typename T> Adam<T>::Adam(AdamOptions o) : m_o(o) {
    checkRate(o.learningRate);
    if (!(o.beta1 >= 0.0 && o.beta1 < 1.0) || !(o.beta2 >= 0.0 && o.beta2 < 1.0))
        throw std::invalid_argument("Adam's β₁ and β₂ must be in [0, 1)");
    if (!(o.epsilon > 0.0) || !std::isfinite(o.epsilon))
        throw std::invalid_argument("Adam's ε must be positive");
    if (!(o.weightDecay >= 0.0) || !std::isfinite(o.weightDecay))
        throw std::invalid_argument("weight decay must be ≥ 0");
}

template <typename T> void Adam<T>::setLearningRate(double lr) {
    checkRate(lr);
    m_o.learningRate = lr;
}

template <typename T> void Adam<T>::step(const std::vector<ParamRef<T>>& params) {
    sizeState(m_m, params);
    sizeState(m_v, params);
    ++m_t;
    const T b1 = T(m_o.beta1), b2 = T(m_o.beta2), eps = T(m_o.epsilon), wd = T(m_o.weightDecay);
    const double c1 = 1.0 - std::pow(m_o.beta1, double(m_t));
    const double c2 = 1.0 - std::pow(m_o.beta2, double(m_t));
    const T stepSize = T(m_o.learningRate / c1);
    const T sqrtC2 = T(std::sqrt(c2));
    for (size_t k = 0; k < params.size(); ++k) {
        using Vec = Eigen::Array<T, Eigen::Dynamic, 1>;
        Eigen::Map<Vec> p(params[k].value, params[k].size);
        Eigen::Map<const Vec> g0(params[k].grad, params[k].size);
        Eigen::Map<Vec> m(m_m[k].data(), params[k].size), v(m_v[k].data(), params[k].size);
        if (wd != T(0)) {
            const Vec g = g0 + wd * p;
            m = b1 * m + (T(1) - b1) * g;
            v = b2 * v + (T(1) - b2) * g.square();
        } else {
            m = b1 * m + (T(1) - b1) * g0;
            v = b2 * v + (T(1) - b2) * g0.square();
        }
        p -= stepSize * m / (v.sqrt() / sqrtC2 + eps);
    }
}

template class Sgd<float>;
template class Sgd<double>;
template class Adam<float>;
template class Adam<double>;

} // namespace latentlab::core::nn
