#pragma once
// All eigenvalues and eigenvectors of a real symmetric matrix, as Eigen's SelfAdjointEigenSolver
// computes them, with the costly part — accumulating the Givens rotations of the QR iteration
// into the eigenvectors — spread over threads.
//
// Algorithm (Golub & Van Loan, Matrix Computations, 4th ed.: Householder tridiagonalisation
// §8.3.1, then the implicit symmetric QR step with Wilkinson shift, algorithm 8.3.2/8.3.3;
// the same steps, deflation test and scaling as Eigen 3.4's SelfAdjointEigenSolver). The
// rotations are recorded while the tridiagonal matrix converges — which needs only its diagonals
// — and applied afterwards to the rows of Q in blocks, in parallel. Every row sees the same
// rotations in the same order whatever the number of threads, so results are bit-identical for
// any thread count.
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
