#pragma once
// The scatter matrix Σ_n z_n z_nᵀ of centred (and optionally scaled) data, the costly half of
// an exact PCA (core/pca_exact.h): N·d²/2 multiply-adds, 1.8·10¹⁰ for Fashion-MNIST.
#include "core/dataset.h"

#include <Eigen/Core>

namespace latentlab::core {

/// Arithmetic of the products z_i z_j (the sums of blocks are always double).
enum class ScatterPrecision {
    Double, ///< z and its products in double (Eigen's rank-k update)
    Float,  ///< z in float, each block of kScatterFloatRows rows summed in float, then in double
};

/// Rows whose products are summed in float before their block sum is added in double. The
/// error of the float sums grows with their length; 64 was also measured fastest (the block's
/// packed panels, 200 KB for d = 784, stay in L2): Fashion-MNIST's scatter matrix in 0.27 s
/// on 2 cores, against 0.37 s with 128 rows and twice the error.
inline constexpr Eigen::Index kScatterFloatRows = 64;

/// Lower triangle of Σ_n z_n z_nᵀ (d × d, double; the strict upper triangle is unspecified),
/// z_n = (x_n − mean) / scale (elementwise; mean and scale 1 × d), x_n the rows of X (N × d).
/// `threads`: 0 = all cores.
///
/// Float: rounding errors are those of sums of ≤ 64 float products, ~1e-7 relative to the
/// entries (they do not grow with N: the block sums are added in double). On CPUs with AVX2
/// and FMA the products run in a register-blocked kernel (16 × 6 tiles, packed panels; the
/// scheme of BLIS, Van Zee & van de Geijn, ACM TOMS 41(3), 2015); elsewhere through Eigen.
/// Double: Eigen's rank-k update on blocks of 2048 rows.
///
/// The rows are split into up to 8 fixed parts (contiguous blocks; how many depends on N and
/// d only) summed in parallel, then added in order: bit-identical for any number of threads.
Eigen::MatrixXd scatterMatrix(const Matrix& X, const Eigen::RowVectorXd& mean,
                              const Eigen::RowVectorXd& scale, ScatterPrecision precision,
                              int threads = 0);

} // namespace latentlab::core
