#pragma once
// All eigenvalues and eigenvectors of a real symmetric matrix, as Eigen's SelfAdjointEigenSolver
// computes them, with its costly parts spread over threads (d = 784: 0.11 s on 2 cores against
// Eigen's 0.26-0.30 s).
//
// Algorithm (Golub & Van Loan, Matrix Computations, 4th ed.: Householder tridiagonalisation
// §8.3.1, then the implicit symmetric QR step with Wilkinson shift, algorithm 8.3.2/8.3.3;
// the same steps, deflation test and scaling as Eigen 3.4's SelfAdjointEigenSolver):
// - tridiagonalisation with each step's rank-2 update fused with the next step's symmetric
//   product (one pass over the trailing matrix), in fixed column chunks over threads;
// - Q formed from the Householder vectors while another thread runs the QR iteration, which
//   needs only the two diagonals and records its rotations;
// - the rotations applied to row blocks of Q in parallel.
// Chunks and blocks do not depend on the thread count, and every row of Q sees the same
// rotations in the same order, so results are bit-identical for any number of threads.
#include <Eigen/Core>

namespace latentlab::core {

struct SymmetricEigenResult {
    Eigen::VectorXd values;  ///< d eigenvalues, descending
    Eigen::MatrixXd vectors; ///< d × d, orthonormal columns in the order of `values` (signs as they come)
};

/// Eigendecomposition A = V diag(λ) Vᵀ of the symmetric d × d matrix A (only its lower triangle
/// is read), d ≥ 1. `threads`: 0 = all cores (OpenMP), otherwise that many. Throws
/// std::invalid_argument for a non-square matrix or one with NaN/infinity, std::runtime_error
/// when the QR iteration does not converge (30·d sweeps, Eigen's limit).
SymmetricEigenResult symmetricEigen(const Eigen::MatrixXd& A, int threads = 0);

} // namespace latentlab::core
