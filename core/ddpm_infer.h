#pragma once
// A fused, inference-only forward pass of a float MLP for DDPM's reverse chain (core/ddpm_chain.cpp):
// 10 000 points × 1000 reverse steps are ~330 G multiply-adds through the ε-network, almost all
// of them in the hidden width × width layers. Going through Eigen, every layer writes its
// pre-activation Z to memory, reads it back for the activation, and packs its operands anew
// on every product. Here each block of up to 6 rows goes through all the layers while it sits
// in L1: a register-tiled 6 × 16 AVX2/FMA micro-kernel (Goto & van de Geijn, ACM TOMS 2008)
// reads the weights from panels packed once per network, and the bias and the activation are
// applied in the tile's epilogue. The first layer's bias is a row given by the caller, so the
// sinusoidal time features of one step enter as one row emb(t) W_e + b (Ddpm::chainStep).
//
// Determinism: every output element is one chain of fused multiply-adds over k = 0 … K−1
// followed by + bias and the activation, whatever block the row falls in: a row's result
// depends on that row only, not on the chunking or the thread that computes it.
// Accuracy: exp, tanh in the epilogue are Cephes-style polynomials (a few ulp); results agree
// with nn::Mlp::predict to float rounding (tests/core/test_ddpm_infer.cpp).
#include "core/nn_layers.h"

#include <cstddef>
#include <vector>

namespace latentlab::core {

class FusedMlp {
public:
    /// Widest layer the fused path takes (its row-block buffers live on the stack).
    static constexpr int kMaxWidth = 1024;
    /// True when this build has the AVX2/FMA kernel (compiled with -march supporting both).
    static bool available();

    /// Packs `net` for forward(); `directInputs` (1 ≤ … ≤ net.inputs()) is how many of the
    /// first layer's inputs forward() reads from x, the rest being folded into the first
    /// layer's bias by the caller. Returns false, and leaves the object unusable (ok() false),
    /// when the kernel is not available or a layer is wider than kMaxWidth; the caller then
    /// uses the Eigen path.
    bool pack(const nn::Mlp<float>& net, int directInputs);
    bool ok() const { return !m_layers.empty(); }
    int directInputs() const { return m_layers.empty() ? 0 : m_layers.front().K; }
    int outputs() const { return m_layers.empty() ? 0 : m_layers.back().N; }
    int firstWidth() const { return m_layers.empty() ? 0 : m_layers.front().N; }

    /// out(i, :) = net([x(i, :), …]) for i < rows, where x(i, j) = x[i·xRow + j·xCol]
    /// (j < directInputs()), out(i, c) = out[i·oRow + c·oCol] (c < outputs()) and firstBias
    /// (firstWidth() floats) replaces the first layer's b: for the plain network it is b itself,
    /// for DDPM's chain b + emb(t) W_e. Thread-safe (const, scratch on the stack). Requires ok().
    void forward(const float* x, ptrdiff_t xRow, ptrdiff_t xCol, int rows, const float* firstBias, float* out,
                 ptrdiff_t oRow, ptrdiff_t oCol) const;

private:
    struct Layer {
        int K = 0, N = 0;      ///< inputs read, outputs
        nn::Activation f = nn::Activation::Identity;
        float slope = 0;
        std::vector<float> W;  ///< ⌈N/16⌉ panels of K × 16 floats (the last one may be 8 wide)
        std::vector<float> b;  ///< N rounded up to 16, zero-padded
    };
    std::vector<Layer> m_layers;
};

} // namespace latentlab::core
