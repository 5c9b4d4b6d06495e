#include "core/nn_loss.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace latentlab::core::nn {

namespace {

void checkShapes(Eigen::Index r1, Eigen::Index c1, Eigen::Index r2, Eigen::Index c2,
                 const char* what) {
    if (r1 != r2 || c1 != c2)
        throw std::invalid_argument(std::string(what) + ": shapes differ (" + std::to_string(r1) +
                                    " × " + std::to_string(c1) + " vs " + std::to_string(r2) +
                                    " × " + std::to_string(c2) + ")");
}

template <typename T> double bceTerm(T z, double y, T& grad, double g) {
    const double zd = z;
    const double loss = std::max(zd, 0.0) - zd * y + std::log1p(std::exp(-std::abs(zd)));
    const double sigma = zd >= 0 ? 1.0 / (1.0 + std::exp(-zd)) : std::exp(zd) / (1.0 + std::exp(zd));
    grad = T(g * (sigma - y));
    return loss;
}

} // namespace

template <typename T>
double bceWithLogits(const ConstRef<T>& z, double y, Ref<T> dz, double scale) {
    if (!(y >= 0.0 && y <= 1.0))
        throw std::invalid_argument("binary cross-entropy needs targets in [0, 1]");
    checkShapes(z.rows(), z.cols(), dz.rows(), dz.cols(), "binary cross-entropy");
    const double n = double(z.size());
    if (n == 0) return 0.0;
    const double g = scale / n;
    double sum = 0;
    for (Eigen::Index j = 0; j < z.cols(); ++j)
        for (Eigen::Index i = 0; i < z.rows(); ++i) sum += bceTerm(z(i, j), y, dz(i, j), g);
    return scale * sum / n;
}

template <typename T>
double bceWithLogits(const ConstRef<T>& z, const ConstRef<T>& targets, Ref<T> dz, double scale) {
    checkShapes(z.rows(), z.cols(), targets.rows(), targets.cols(), "binary cross-entropy");
    checkShapes(z.rows(), z.cols(), dz.rows(), dz.cols(), "binary cross-entropy");
    const double n = double(z.size());
    if (n == 0) return 0.0;
    const double g = scale / n;
    double sum = 0;
    for (Eigen::Index j = 0; j < z.cols(); ++j)
        for (Eigen::Index i = 0; i < z.rows(); ++i) {
            const double y = targets(i, j);
            if (!(y >= 0.0 && y <= 1.0))
                throw std::invalid_argument("binary cross-entropy needs targets in [0, 1]");
            sum += bceTerm(z(i, j), y, dz(i, j), g);
        }
    return scale * sum / n;
}

template <typename T>
double mse(const ConstRef<T>& p, const ConstRef<T>& t, Ref<T> dp, double scale) {
    checkShapes(p.rows(), p.cols(), t.rows(), t.cols(), "mean squared error");
    checkShapes(p.rows(), p.cols(), dp.rows(), dp.cols(), "mean squared error");
    const double n = double(p.size());
    if (n == 0) return 0.0;
    double sum = 0;
    for (Eigen::Index j = 0; j < p.cols(); ++j)
        for (Eigen::Index i = 0; i < p.rows(); ++i) {
            const double r = double(p(i, j)) - double(t(i, j));
            sum += r * r;
        }
    dp = (p - t) * T(2.0 * scale / n);
    return scale * sum / n;
}

template <typename T> double mse(const ConstRef<T>& p, double target, Ref<T> dp, double scale) {
    checkShapes(p.rows(), p.cols(), dp.rows(), dp.cols(), "mean squared error");
    const double n = double(p.size());
    if (n == 0) return 0.0;
    double sum = 0;
    for (Eigen::Index j = 0; j < p.cols(); ++j)
        for (Eigen::Index i = 0; i < p.rows(); ++i) {
            const double r = double(p(i, j)) - target;
            sum += r * r;
        }
    dp = (p.array() - T(target)) * T(2.0 * scale / n);
    return scale * sum / n;
}

template double bceWithLogits<float>(const ConstRef<float>&, double, Ref<float>, double);
template double bceWithLogits<double>(const ConstRef<double>&, double, Ref<double>, double);
template double bceWithLogits<float>(const ConstRef<float>&, const ConstRef<float>&, Ref<float>, double);
template double bceWithLogits<double>(const ConstRef<double>&, const ConstRef<double>&, Ref<double>,
                                      double);
template double mse<float>(const ConstRef<float>&, const ConstRef<float>&, Ref<float>, double);
template double mse<double>(const ConstRef<double>&, const ConstRef<double>&, Ref<double>, double);
template double mse<float>(const ConstRef<float>&, double, Ref<float>, double);
template double mse<double>(const ConstRef<double>&, double, Ref<double>, double);

} // namespace latentlab::core::nn
