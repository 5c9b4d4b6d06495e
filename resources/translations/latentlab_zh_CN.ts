<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchExport</name>
    <message>
        <source>iteration %1</source>
        <translation>第 %1 次迭代</translation>
    </message>
    <message>
        <source>%1 (converged)</source>
        <translation>%1（已收敛）</translation>
    </message>
    <message>
        <source>%1: cannot write the file</source>
        <translation>%1：无法写入文件</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>CD-%1 update on mini-batch %2 of %3, epoch %4</source>
        <translation>CD-%1 更新：第 %4 轮，小批量 %2 / %3</translation>
    </message>
    <message>
        <source>E-step: responsibilities γ_nk ∝ π_k N(x_n | μ_k, Σ_k)</source>
        <translation>E 步：责任度 γ_nk ∝ π_k N(x_n | μ_k, Σ_k)</translation>
    </message>
    <message>
        <source>M-step: π_k = N_k / N, μ_k and Σ_k from the responsibilities</source>
        <translation>M 步：π_k = N_k / N，由责任度计算 μ_k 和 Σ_k</translation>
    </message>
    <message>
        <source>Oja update u ← u + η y (z − y u) on a mini-batch (component %1)</source>
        <translation>在小批量上做 Oja 更新 u ← u + η y (z − y u)（第 %1 个主成分）</translation>
    </message>
    <message>
        <source>PCD-%1 update on mini-batch %2 of %3, epoch %4</source>
        <translation>PCD-%1 更新：第 %4 轮，小批量 %2 / %3</translation>
    </message>
    <message>
        <source>RBM %1 × %2: %3 training and %4 held-out samples, %5 mini-batches per epoch</source>
        <translation>RBM %1 × %2：%3 个训练样本、%4 个留出样本，每轮 %5 个小批量</translation>
    </message>
    <message>
        <source>centred and scaled the data; start vector for component %1 drawn at random</source>
        <translation>数据已中心化并缩放；第 %1 个主成分的初始向量随机抽取</translation>
    </message>
    <message>
        <source>centred the data; start vector for component %1 drawn at random</source>
        <translation>数据已中心化；第 %1 个主成分的初始向量随机抽取</translation>
    </message>
    <message>
        <source>centroid %1 moved by hand</source>
        <translation>质心 %1 已手动移动</translation>
    </message>
    <message>
        <source>cluster %1 is empty; kept in place</source>
        <translation>簇 %1 为空；保持原位</translation>
    </message>
    <message>
        <source>cluster %1 was empty: re-seeded at point #%2, the point farthest from its centroid</source>
        <translation>簇 %1 为空：在点 #%2（离其质心最远的点）处重新播种</translation>
    </message>
    <message>
        <source>component %1 collapsed (N_k = %2 of %3 points): re-seeded at point #%4, the point the mixture explained worst, with the data&apos;s covariance</source>
        <translation>分量 %1 坍缩（N_k = %2，共 %3 个点）：在点 #%4（混合模型解释得最差的点）处重新播种，协方差取数据的协方差</translation>
    </message>
    <message>
        <source>component %1 collapsed (its covariance is singular even with reg-covar = %2): re-seeded at point #%3, the point the mixture explained worst, with the data&apos;s covariance</source>
        <translation>分量 %1 坍缩（即使 reg-covar = %2，其协方差仍奇异）：在点 #%3（混合模型解释得最差的点）处重新播种，协方差取数据的协方差</translation>
    </message>
    <message>
        <source>component %1 found after %2 steps: variance uᵀSu = %3 (exact λ = %4, %5° off)</source>
        <translation>经过 %2 步找到第 %1 个主成分：方差 uᵀSu = %3（精确值 λ = %4，偏差 %5°）</translation>
    </message>
    <message>
        <source>component %1 stopped at max-iter = %2 with a power step still turning it %3°; accepted as it is (exact λ = %4, %5° off)</source>
        <translation>第 %1 个主成分在 max-iter = %2 处停止，幂迭代一步仍使其转动 %3°；按现状接受（精确值 λ = %4，偏差 %5°）</translation>
    </message>
    <message>
        <source>components: %1 asked, the data have d = %2 features; finding %3</source>
        <translation>主成分：要求 %1 个，数据只有 d = %2 个特征；求 %3 个</translation>
    </message>
    <message>
        <source>compute centroids</source>
        <translation>计算质心</translation>
    </message>
    <message>
        <source>converged after %1 iterations</source>
        <translation>经过 %1 次迭代后收敛</translation>
    </message>
    <message>
        <source>converged!</source>
        <translation>已收敛！</translation>
    </message>
    <message>
        <source>converged: the mean log-likelihood per sample changed by %1 &lt; tol = %2</source>
        <translation>已收敛：每个样本的平均对数似然变化 %1 &lt; tol = %2</translation>
    </message>
    <message>
        <source>data edited: %1 points</source>
        <translation>数据已编辑：%1 个点</translation>
    </message>
    <message>
        <source>data edited: %1 points; finding the components again from the previous ones</source>
        <translation>数据已编辑：%1 个点；从之前的主成分出发重新求解</translation>
    </message>
    <message>
        <source>data replaced: %1 samples</source>
        <translation>数据已替换：%1 个样本</translation>
    </message>
    <message>
        <source>deflate: S ← (I − P) S (I − P) removes components %1-%2; start vector for component %3</source>
        <translation>收缩（deflation）：S ← (I − P) S (I − P) 去掉第 %1-%2 个主成分；开始第 %3 个主成分的初始向量</translation>
    </message>
    <message>
        <source>deflate: remove the components found, start (component %1)</source>
        <translation>收缩：去掉已找到的主成分，重新开始（第 %1 个主成分）</translation>
    </message>
    <message>
        <source>done: %1 components explain %2% of the variance</source>
        <translation>完成：%1 个主成分解释了 %2% 的方差</translation>
    </message>
    <message>
        <source>done: all components found</source>
        <translation>完成：已找到全部主成分</translation>
    </message>
    <message>
        <source>epoch %1: reconstruction error %2</source>
        <translation>第 %1 轮：重构误差 %2</translation>
    </message>
    <message>
        <source>epoch %1: reconstruction error %2, pseudo-log-likelihood %3 per sample</source>
        <translation>第 %1 轮：重构误差 %2，每样本伪对数似然 %3</translation>
    </message>
    <message>
        <source>hard E-step: each point to its most probable component</source>
        <translation>硬 E 步：每个点归入概率最大的分量</translation>
    </message>
    <message>
        <source>initial centroids given</source>
        <translation>已给定初始质心</translation>
    </message>
    <message>
        <source>initial parameters given</source>
        <translation>已给定初始参数</translation>
    </message>
    <message>
        <source>initialise W ~ N(%1, %2²)</source>
        <translation>初始化 W ~ N(%1, %2²)</translation>
    </message>
    <message>
        <source>initialise π, μ, Σ</source>
        <translation>初始化 π, μ, Σ</translation>
    </message>
    <message>
        <source>initialised by k-means (%1 iterations) and one M-step on its clusters</source>
        <translation>用 k 均值（%1 次迭代）初始化，并在其簇上做一次 M 步</translation>
    </message>
    <message>
        <source>initialised by one M-step on random responsibilities</source>
        <translation>用随机责任度做一次 M 步来初始化</translation>
    </message>
    <message>
        <source>means at %1 k-means++ seeds, each covariance = the data&apos;s covariance</source>
        <translation>均值取 %1 个 k-means++ 种子，每个协方差 = 数据的协方差</translation>
    </message>
    <message>
        <source>means at %1 random data points, each covariance = the data&apos;s covariance</source>
        <translation>均值取 %1 个随机数据点，每个协方差 = 数据的协方差</translation>
    </message>
    <message>
        <source>no variance left after %1 components: any direction orthogonal to them is component %2 (eigenvalue %3)</source>
        <translation>%1 个主成分之后已无剩余方差：与它们正交的任一方向都是第 %2 个主成分（特征值 %3）</translation>
    </message>
    <message>
        <source>pick seeds</source>
        <translation>选取种子</translation>
    </message>
    <message>
        <source>picked %1 seeds by farthest point</source>
        <translation>按最远点法选取了 %1 个种子</translation>
    </message>
    <message>
        <source>picked %1 seeds by k-means++</source>
        <translation>按 k-means++ 选取了 %1 个种子</translation>
    </message>
    <message>
        <source>picked %1 seeds by random data points</source>
        <translation>随机选取 %1 个数据点作为种子</translation>
    </message>
    <message>
        <source>power iteration u ← Su/‖Su‖ (component %1)</source>
        <translation>幂迭代 u ← Su/‖Su‖（第 %1 个主成分）</translation>
    </message>
    <message>
        <source>reassign points to the nearest centroid</source>
        <translation>把每个点重新分配给最近的质心</translation>
    </message>
    <message>
        <source>start vector (component %1)</source>
        <translation>初始向量（第 %1 个主成分）</translation>
    </message>
    <message>
        <source>stopped after max-iter = %1 iterations without converging</source>
        <translation>达到 max-iter = %1 次迭代后停止，未收敛</translation>
    </message>
    <message>
        <source>stopped at the iteration limit (max-iter = %1) before converging</source>
        <translation>在收敛前达到迭代上限（max-iter = %1）而停止</translation>
    </message>
    <message>
        <source>the estimate had no variance along it; drew a new start vector</source>
        <translation>估计方向上没有方差；重新抽取初始向量</translation>
    </message>
    <message>
        <source>the shared (tied) covariance collapsed (singular even with reg-covar = %1): replaced by the data&apos;s covariance</source>
        <translation>共享（tied）协方差坍缩（即使 reg-covar = %1 仍奇异）：替换为数据的协方差</translation>
    </message>
    <message>
        <source>training starts from the given weights, not random ones</source>
        <translation>训练从给定的权重开始，而不是随机权重</translation>
    </message>
    <message>
        <source>random generator and discriminator</source>
        <translation>随机初始化的生成器和判别器</translation>
    </message>
    <message>
        <source>discriminator step: D learns to tell real (→ 1) from generated (→ 0)</source>
        <translation>判别器更新：D 学习区分真实（→ 1）与生成（→ 0）</translation>
    </message>
    <message>
        <source>generator step: G moves its samples where D says &quot;real&quot;</source>
        <translation>生成器更新：G 把样本移向 D 判为“真实”的地方</translation>
    </message>
    <message>
        <source>the discriminator&apos;s loss or gradients are not finite at iteration %1: the run is paused with the last good networks. Try a smaller learning rate.</source>
        <translation>第 %1 次迭代时判别器的损失或梯度不是有限值：运行已暂停，保留最后一组正常的网络。请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>the generator&apos;s loss or gradients are not finite at iteration %1: the run is paused with the last good networks. Try a smaller learning rate.</source>
        <translation>第 %1 次迭代时生成器的损失或梯度不是有限值：运行已暂停，保留最后一组正常的网络。请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>training step: predict the noise added to x_0 (Algorithm 1)</source>
        <translation>训练步：预测加到 x_0 上的噪声（算法 1）</translation>
    </message>
    <message>
        <source>reverse step: x_t → x_{t−1} with the predicted noise</source>
        <translation>逆向步：用预测的噪声从 x_t 走到 x_{t−1}</translation>
    </message>
    <message>
        <source>the denoiser&apos;s loss is not finite at training step %1: training stopped with the last good network. Try a smaller learning rate.</source>
        <translation>第 %1 个训练步时去噪网络的损失不是有限值：训练已停止，保留最后一个正常的网络。请尝试更小的学习率。</translation>
    </message>
</context>
<context>
    <name>Dataset</name>
    <message>
        <source>10000 × 196 + 10 classes, the test set downsized to 14×14 by averaging 2×2 pixel blocks, in [0, 1]</source>
        <translation>10000 × 196 + 10 个类别，测试集按 2×2 像素块取平均缩小到 14×14，取值 [0, 1]</translation>
    </message>
    <message>
        <source>10000 × 784 + 10 classes, 28×28 grey clothing images in [0, 1], test set (Xiao et al. 2017; Debian package dataset-fashion-mnist)</source>
        <translation>10000 × 784 + 10 个类别，28×28 灰度服装图像，取值 [0, 1]，测试集（Xiao 等 2017；Debian 软件包 dataset-fashion-mnist）</translation>
    </message>
    <message>
        <source>150 × 4 + 3 species, sepal and petal length and width (cm) (Fisher 1936)</source>
        <translation>150 × 4 + 3 个品种，花萼与花瓣的长度和宽度（cm）（Fisher 1936）</translation>
    </message>
    <message>
        <source>1797 × 64 + labels 0-9, 8×8 handwritten digits, grey levels 0-16 (UCI)</source>
        <translation>1797 × 64 + 标签 0-9，8×8 手写数字，灰度 0-16（UCI）</translation>
    </message>
    <message>
        <source>272 × 2, eruption time and waiting time (min) of the Old Faithful geyser (Azzalini &amp; Bowman 1990)</source>
        <translation>272 × 2，老忠实间歇泉的喷发时长与等待时间（分钟）（Azzalini &amp; Bowman 1990）</translation>
    </message>
    <message>
        <source>60000 × 196 + 10 classes, the training set downsized to 14×14 by averaging 2×2 pixel blocks, in [0, 1] (for diffusion on a CPU)</source>
        <translation>60000 × 196 + 10 个类别，训练集按 2×2 像素块取平均缩小到 14×14，取值 [0, 1]（便于在 CPU 上做扩散模型）</translation>
    </message>
    <message>
        <source>60000 × 784 + 10 classes, 28×28 grey clothing images in [0, 1], training set (Xiao et al. 2017; Debian package dataset-fashion-mnist)</source>
        <translation>60000 × 784 + 10 个类别，28×28 灰度服装图像，取值 [0, 1]，训练集（Xiao 等 2017；Debian 软件包 dataset-fashion-mnist）</translation>
    </message>
    <message>
        <source>n × 1, k Gaussians 4 apart, unequal weights and widths (1-D EM demo)</source>
        <translation>n × 1，k 个相距 4 的高斯分布，权重和宽度各不相同（一维 EM 演示）</translation>
    </message>
    <message>
        <source>n × 16, 4×4 binary bars (columns on) or stripes (rows on): the 30 patterns cycled</source>
        <translation>n × 16，4×4 二值竖条（整列点亮）或横纹（整行点亮）：30 种图案循环</translation>
    </message>
    <message>
        <source>n × 2, blobs with stds 1, 2.5, 0.5 (scikit-learn clustering demo)</source>
        <translation>n × 2，标准差为 1、2.5、0.5 的团簇（scikit-learn 聚类演示）</translation>
    </message>
    <message>
        <source>n × 2, k Gaussian blobs, centres in ±10 (scikit-learn make_blobs)</source>
        <translation>n × 2，k 个高斯团簇，中心在 ±10 内（scikit-learn make_blobs）</translation>
    </message>
    <message>
        <source>n × 2, ring of k Gaussians on a circle of radius 2 (GAN Lab)</source>
        <translation>n × 2，半径为 2 的圆上排成一圈的 k 个高斯分布（GAN Lab）</translation>
    </message>
    <message>
        <source>n × 2, sheared Gaussian blobs (scikit-learn clustering demo)</source>
        <translation>n × 2，经剪切变换的高斯团簇（scikit-learn 聚类演示）</translation>
    </message>
    <message>
        <source>n × 2, two concentric circles, radii 1 and 0.5 (make_circles)</source>
        <translation>n × 2，两个同心圆，半径 1 和 0.5（make_circles）</translation>
    </message>
    <message>
        <source>n × 2, two interleaved spirals of 1.5 turns, radius 1.5</source>
        <translation>n × 2，两条交错的 1.5 圈螺旋线，半径 1.5</translation>
    </message>
    <message>
        <source>n × 2, two interleaving half circles (scikit-learn make_moons)</source>
        <translation>n × 2，两个交错的半圆（scikit-learn make_moons）</translation>
    </message>
    <message>
        <source>n × 2, uniform in the unit square</source>
        <translation>n × 2，单位正方形内的均匀分布</translation>
    </message>
    <message>
        <source>n × 2, 5×5 grid of Gaussians at {−4, −2, 0, 2, 4}² (GAN papers)</source>
        <translation>n × 2，位于 {−4, −2, 0, 2, 4}² 的 5×5 高斯网格（GAN 论文常用）</translation>
    </message>
    <message>
        <source>n × 2, swiss roll (make_swiss_roll&apos;s x, z divided by 10)</source>
        <translation>n × 2，瑞士卷（make_swiss_roll 的 x、z 除以 10）</translation>
    </message>
    <message>
        <source>n × 2, one spiral of 1.5 turns, radius 1.5</source>
        <translation>n × 2，一条 1.5 圈的螺旋线，半径 1.5</translation>
    </message>
    <message>
        <source>n × 2, segment from (−1, −1) to (1, 1)</source>
        <translation>n × 2，从 (−1, −1) 到 (1, 1) 的线段</translation>
    </message>
</context>
<context>
    <name>EmBoundScene</name>
    <message>
        <source>J(q, θ) = Σₙ Σ_z qₙ(z) log[ p(xₙ, z; θ) / qₙ(z) ]  ≤  l(θ) = Σₙ log p(xₙ; θ)</source>
        <translation>J(q, θ) = Σₙ Σ_z qₙ(z) log[ p(xₙ, z; θ) / qₙ(z) ]  ≤  l(θ) = Σₙ log p(xₙ; θ)</translation>
    </message>
    <message>
        <source>Start at %1 = %2:  l(%1) = %3.  Next, the E-step builds the bound.</source>
        <translation>从 %1 = %2 开始：l(%1) = %3。下一步，E 步构造下界。</translation>
    </message>
    <message>
        <source>E-step: %1(z) = p(z | xₙ; %2), so the bound touches l at %2:  J(%1, %2) = l(%2) = %3</source>
        <translation>E 步：%1(z) = p(z | xₙ; %2)，所以下界在 %2 处与 l 相切：J(%1, %2) = l(%2) = %3</translation>
    </message>
    <message>
        <source>M-step: %1 = argmax_θ J(%2, θ) = Σₙ qₙ(1) xₙ / Σₙ qₙ(1) = %3</source>
        <translation>M 步：%1 = argmax_θ J(%2, θ) = Σₙ qₙ(1) xₙ / Σₙ qₙ(1) = %3</translation>
    </message>
    <message>
        <source>l(%1) = %2  ≥  J(%3, %1) = %4  ≥  J(%3, %5) = l(%5) = %6</source>
        <translation>l(%1) = %2  ≥  J(%3, %1) = %4  ≥  J(%3, %5) = l(%5) = %6</translation>
    </message>
    <message>
        <source>Converged: θ stopped moving, at a maximum of l — perhaps only a local one.</source>
        <translation>已收敛：θ 停在 l 的一个极大值处——可能只是局部极大值。</translation>
    </message>
    <message>
        <source>General EM: coordinate ascent on the lower bound J(q, θ) ≤ l(θ)</source>
        <translation>一般 EM：在下界 J(q, θ) ≤ l(θ) 上做坐标上升</translation>
    </message>
    <message>
        <source>θ = μ₁, the one free mean of p(x; θ) = %1</source>
        <translation>θ = μ₁，即 p(x; θ) = %1 中唯一的自由均值</translation>
    </message>
    <message>
        <source>log-likelihood (nats)</source>
        <translation>对数似然（奈特）</translation>
    </message>
    <message>
        <source>max of J</source>
        <translation>J 的最大值</translation>
    </message>
    <message>
        <source>l(θ), the log-likelihood</source>
        <translation>l(θ)，对数似然</translation>
    </message>
    <message>
        <source>J(qₜ, θ), bound from the last E-step</source>
        <translation>J(qₜ, θ)，上一次 E 步得到的下界</translation>
    </message>
    <message>
        <source>earlier bounds</source>
        <translation>之前的下界</translation>
    </message>
    <message>
        <source>M-step: to the bound&apos;s maximum</source>
        <translation>M 步：跳到下界的最大值</translation>
    </message>
    <message>
        <source>data xₙ, blue q(1), orange q(2)</source>
        <translation>数据 xₙ，蓝色 q(1)，橙色 q(2)</translation>
    </message>
</context>
<context>
    <name>FigureExport</name>
    <message>
        <source>the figure size must be at least 16×16 pixels</source>
        <translation>图形尺寸至少为 16×16 像素</translation>
    </message>
    <message>
        <source>cannot write the file</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <source>unknown figure format &apos;.%1&apos; (use .png, .svg or .pdf)</source>
        <translation>未知的图形格式“.%1”（请用 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <source>nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
</context>
<context>
    <name>FigurePresets</name>
    <message>
        <source>16:9 slide (1920 × 1080)</source>
        <translation>16:9 幻灯片（1920 × 1080）</translation>
    </message>
    <message>
        <source>4:3 slide (1600 × 1200)</source>
        <translation>4:3 幻灯片（1600 × 1200）</translation>
    </message>
    <message>
        <source>Single column (3.5 in, 300 dpi)</source>
        <translation>单栏（3.5 英寸，300 dpi）</translation>
    </message>
    <message>
        <source>Double column (7 in, 300 dpi)</source>
        <translation>双栏（7 英寸，300 dpi）</translation>
    </message>
</context>
<context>
    <name>GifExport</name>
    <message>
        <source>%1: bad animation size</source>
        <translation>%1：动画尺寸无效</translation>
    </message>
    <message>
        <source>%1: the frame rate must be 1 to 50 per second</source>
        <translation>%1：帧率必须在每秒 1 到 50 帧之间</translation>
    </message>
    <message>
        <source>cannot write the file</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <source>the file is closed</source>
        <translation>文件已关闭</translation>
    </message>
    <message>
        <source>cannot reduce the frame to 256 colours</source>
        <translation>无法将该帧减少到 256 色</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
</context>
<context>
    <name>GmmPage</name>
    <message>
        <source>Log-likelihood per sample (never falls)</source>
        <translation>每个样本的对数似然（从不下降）</translation>
    </message>
    <message>
        <source>ℓ / N</source>
        <translation>ℓ / N</translation>
    </message>
</context>
<context>
    <name>GmmScene</name>
    <message>
        <source>Iteration %1 · %2</source>
        <translation>第 %1 次迭代 · %2</translation>
    </message>
    <message>
        <source>data histogram (density)</source>
        <translation>数据直方图（密度）</translation>
    </message>
    <message>
        <source>πₖ 𝒩(x | μₖ, σₖ²), one colour each</source>
        <translation>πₖ 𝒩(x | μₖ, σₖ²)，每个分量一种颜色</translation>
    </message>
    <message>
        <source>points, coloured by γₙₖ</source>
        <translation>数据点，按 γₙₖ 着色</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
</context>
<context>
    <name>KMeansScene</name>
    <message>
        <source>converged!</source>
        <translation>已收敛！</translation>
    </message>
    <message>
        <source>pick seeds</source>
        <translation>选取种子</translation>
    </message>
    <message>
        <source>reassign points to the nearest centroid</source>
        <translation>把每个点重新分配给最近的质心</translation>
    </message>
    <message>
        <source>compute centroids</source>
        <translation>计算质心</translation>
    </message>
    <message>
        <source>Iteration %1 · %2</source>
        <translation>第 %1 次迭代 · %2</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The new language is used from the next start of LatentLab.</source>
        <translation>新的语言将在下次启动 LatentLab 时生效。</translation>
    </message>
</context>
<context>
    <name>ParamSpec</name>
    <message>
        <source>Batch size (Oja)</source>
        <translation>批大小（Oja）</translation>
    </message>
    <message>
        <source>Binarise input</source>
        <translation>输入二值化</translation>
    </message>
    <message>
        <source>Centres K</source>
        <translation>中心数 K</translation>
    </message>
    <message>
        <source>Clusters K</source>
        <translation>簇数 K</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>主成分数</translation>
    </message>
    <message>
        <source>Components K</source>
        <translation>分量数 K</translation>
    </message>
    <message>
        <source>Covariance</source>
        <translation>协方差</translation>
    </message>
    <message>
        <source>Covariance regulariser</source>
        <translation>协方差正则项</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Empty cluster</source>
        <translation>空簇</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Gibbs steps k</source>
        <translation>Gibbs 步数 k</translation>
    </message>
    <message>
        <source>Gibbs steps v → h → v in the negative phase of CD-k (k = 1 is usual: lecture 000:1298, 002:91)</source>
        <translation>CD-k 负相中 v → h → v 的 Gibbs 步数（通常 k = 1：讲义 000:1298, 002:91）</translation>
    </message>
    <message>
        <source>Hard EM</source>
        <translation>硬 EM</translation>
    </message>
    <message>
        <source>Held-out fraction</source>
        <translation>留出比例</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>隐单元数</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Initial weight std</source>
        <translation>初始权重标准差</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>L2 penalty on W: every update also subtracts η·λ·W (Hinton&apos;s practical guide §10)</source>
        <translation>W 的 L2 惩罚：每次更新都再减去 η·λ·W（Hinton 实用指南 §10）</translation>
    </message>
    <message>
        <source>Learning rate (Oja)</source>
        <translation>学习率（Oja）</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>Max iterations</source>
        <translation>最大迭代次数</translation>
    </message>
    <message>
        <source>Max steps per component</source>
        <translation>每个主成分的最大步数</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Mini-batch size</source>
        <translation>小批量大小</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Oja step size η in units of 1/‖S‖_F (≤ 1 is stable for any data scale)</source>
        <translation>Oja 步长 η，单位为 1/‖S‖_F（≤ 1 时对任何数据尺度都稳定）</translation>
    </message>
    <message>
        <source>Persistent CD</source>
        <translation>持续 CD（PCD）</translation>
    </message>
    <message>
        <source>Pixel flips</source>
        <translation>像素翻转</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Scale to unit variance</source>
        <translation>缩放到单位方差</translation>
    </message>
    <message>
        <source>Soft k-means</source>
        <translation>软 k 均值</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计量</translation>
    </message>
    <message>
        <source>Stiffness β</source>
        <translation>刚度 β</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <source>Tolerance (degrees)</source>
        <translation>容差（度）</translation>
    </message>
    <message>
        <source>Tolerance (soft)</source>
        <translation>容差（软）</translation>
    </message>
    <message>
        <source>Visible bias init</source>
        <translation>可见层偏置初始化</translation>
    </message>
    <message>
        <source>W starts as N(0, σ²) draws (Hinton&apos;s practical guide §8: 0.01)</source>
        <translation>W 初始取自 N(0, σ²)（Hinton 实用指南 §8：0.01）</translation>
    </message>
    <message>
        <source>Weight decay λ</source>
        <translation>权重衰减 λ</translation>
    </message>
    <message>
        <source>a cluster that lost all its points is re-seeded at the point farthest from its centroid, or kept where it is</source>
        <translation>失去所有点的簇在离其质心最远的点处重新播种，或保持原位</translation>
    </message>
    <message>
        <source>a component is found when a power step would turn u by less than this angle</source>
        <translation>当幂迭代一步使 u 转动的角度小于此值时，认为找到一个主成分</translation>
    </message>
    <message>
        <source>accept a component after this many updates even if it still turns</source>
        <translation>更新这么多次后即使仍在转动也接受该主成分</translation>
    </message>
    <message>
        <source>added to the diagonal of every covariance after each M-step (data units²), so that no component can shrink onto a single point</source>
        <translation>每次 M 步后加到每个协方差的对角线上（数据单位²），使任何分量都不会收缩到单个点上</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>diag</source>
        <translation>对角</translation>
    </message>
    <message>
        <source>divide each centred feature by its standard deviation (lecture 000:356); the data are always centred</source>
        <translation>每个中心化后的特征除以其标准差（讲义 000:356）；数据总是会中心化</translation>
    </message>
    <message>
        <source>farthest</source>
        <translation>最远点</translation>
    </message>
    <message>
        <source>farthest-point</source>
        <translation>最远点</translation>
    </message>
    <message>
        <source>fraction of the previous update added to the next; the first 5 epochs use at most 0.5 (Hinton&apos;s practical guide §9)</source>
        <translation>上一次更新加到下一次更新中的比例；前 5 轮最多用 0.5（Hinton 实用指南 §9）</translation>
    </message>
    <message>
        <source>fraction of the samples (at most 5000) kept out of training, to compare their free energy with the training rows&apos; (overfitting, Hinton&apos;s practical guide §6)</source>
        <translation>不参与训练的样本比例（最多 5000 个），用来把它们的自由能与训练样本的自由能比较（过拟合，Hinton 实用指南 §6）</translation>
    </message>
    <message>
        <source>full</source>
        <translation>完全</translation>
    </message>
    <message>
        <source>full: any ellipse; diag: axis-aligned ellipses; spherical: circles; tied: one ellipse shared by all components</source>
        <translation>完全（full）：任意椭圆；对角（diag）：与坐标轴对齐的椭圆；球形（spherical）：圆；共享（tied）：所有分量共用一个椭圆</translation>
    </message>
    <message>
        <source>ignored (every generator accepts --noise)</source>
        <translation>忽略（每个生成器都接受 --noise）</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>keep the negative phase&apos;s Gibbs chains from batch to batch (PCD, Tieleman 2008; lecture 004:1555-1586) instead of restarting them at the data</source>
        <translation>负相的 Gibbs 链在批与批之间保持延续（PCD，Tieleman 2008；讲义 004:1555-1586），而不是每次从数据重新开始</translation>
    </message>
    <message>
        <source>kmeans</source>
        <translation>k 均值</translation>
    </message>
    <message>
        <source>kmeans++</source>
        <translation>k-means++</translation>
    </message>
    <message>
        <source>kmeans: one M-step on the labels of k-means run to convergence; kmeans++ / random-points: seeds as means with the data covariance; random-responsibilities: one M-step on random responsibilities</source>
        <translation>k 均值（kmeans）：在收敛的 k 均值标签上做一次 M 步；k-means++ / 随机数据点（random-points）：以种子为均值、以数据协方差为协方差；随机责任度（random-responsibilities）：在随机责任度上做一次 M 步</translation>
    </message>
    <message>
        <source>l1</source>
        <translation>L1</translation>
    </message>
    <message>
        <source>l2</source>
        <translation>L2</translation>
    </message>
    <message>
        <source>l2 (update = mean), l1 (update = median: k-medians), cosine (update = normalised mean: spherical k-means)</source>
        <translation>L2（更新 = 均值）、L1（更新 = 中位数：k 中位数）、余弦（更新 = 归一化均值：球面 k 均值）</translation>
    </message>
    <message>
        <source>log-odds</source>
        <translation>对数几率</translation>
    </message>
    <message>
        <source>log-odds: a_i = log(p_i/(1 − p_i)) of the training data&apos;s mean (Hinton&apos;s practical guide §8); zero: as scikit-learn</source>
        <translation>对数几率（log-odds）：由训练数据均值得 a_i = log(p_i/(1 − p_i))（Hinton 实用指南 §8）；零（zero）：与 scikit-learn 相同</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>none: grey levels act as probabilities (scikit-learn); threshold: &gt; 0.5 is 1; sample: draw 0/1 from the grey level each time a batch is used</source>
        <translation>无（none）：灰度值当作概率（scikit-learn）；阈值（threshold）：&gt; 0.5 记为 1；采样（sample）：每次使用一个批时按灰度值抽取 0/1</translation>
    </message>
    <message>
        <source>number of Gaussian components</source>
        <translation>高斯分量的个数</translation>
    </message>
    <message>
        <source>number of Gaussians</source>
        <translation>高斯分布的个数</translation>
    </message>
    <message>
        <source>number of Gaussians on the ring</source>
        <translation>圆环上高斯分布的个数</translation>
    </message>
    <message>
        <source>number of blobs</source>
        <translation>团簇个数</translation>
    </message>
    <message>
        <source>number of clusters</source>
        <translation>簇的个数</translation>
    </message>
    <message>
        <source>number of hidden units H (feature detectors)</source>
        <translation>隐单元个数 H（特征检测器）</translation>
    </message>
    <message>
        <source>number of images; 30 = each pattern once</source>
        <translation>图像个数；30 = 每种图案一次</translation>
    </message>
    <message>
        <source>number of points to generate</source>
        <translation>要生成的点数</translation>
    </message>
    <message>
        <source>oja</source>
        <translation>Oja</translation>
    </message>
    <message>
        <source>one-hot responsibilities (each point to its most probable component): the bridge to k-means (lecture 000:543-548)</source>
        <translation>独热责任度（每个点归入概率最大的分量）：通向 k 均值的桥梁（讲义 000:543-548）</translation>
    </message>
    <message>
        <source>passes over the training rows; the run stops after them</source>
        <translation>遍历训练样本的次数；达到后运行停止</translation>
    </message>
    <message>
        <source>power-iteration</source>
        <translation>幂迭代</translation>
    </message>
    <message>
        <source>power-iteration: u ← Su/‖Su‖; oja: Oja&apos;s rule (1982) on mini-batches</source>
        <translation>幂迭代（power-iteration）：u ← Su/‖Su‖；Oja（oja）：在小批量上使用 Oja 规则（1982）</translation>
    </message>
    <message>
        <source>principal components to find, one after the other (clipped to d)</source>
        <translation>要依次求出的主成分个数（最多 d 个）</translation>
    </message>
    <message>
        <source>probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>probabilities: ⟨v p(h|v)ᵀ⟩ (lecture 000:1302, 004:1011, scikit-learn); samples: ⟨v hᵀ⟩ with binary h (lecture 001:533, 002:91, 004:936)</source>
        <translation>概率（probabilities）：⟨v p(h|v)ᵀ⟩（讲义 000:1302, 004:1011, scikit-learn）；样本（samples）：用二值 h 计算 ⟨v hᵀ⟩（讲义 001:533, 002:91, 004:936）</translation>
    </message>
    <message>
        <source>probability of flipping each pixel (0 = clean)</source>
        <translation>每个像素翻转的概率（0 = 无噪声）</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>random-points</source>
        <translation>随机数据点</translation>
    </message>
    <message>
        <source>random-responsibilities</source>
        <translation>随机责任度</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>samples per Oja update in the first pass over the data; doubles every pass</source>
        <translation>第一遍数据中每次 Oja 更新使用的样本数；每遍翻倍</translation>
    </message>
    <message>
        <source>samples per update (lecture 001:540; Hinton&apos;s practical guide §4)</source>
        <translation>每次更新的样本数（讲义 001:540；Hinton 实用指南 §4）</translation>
    </message>
    <message>
        <source>scale of the blob stds 1.0, 2.5, 0.5 (cycled)</source>
        <translation>团簇标准差 1.0、2.5、0.5（循环使用）的缩放倍数</translation>
    </message>
    <message>
        <source>scale of the component stds 1.0, 0.6, 1.4 (cycled)</source>
        <translation>分量标准差 1.0、0.6、1.4（循环使用）的缩放倍数</translation>
    </message>
    <message>
        <source>seeds: random data points (Forgy), farthest point, or k-means++ (random + far, Arthur &amp; Vassilvitskii 2007)</source>
        <translation>种子：随机数据点（Forgy）、最远点，或 k-means++（随机且相距远，Arthur &amp; Vassilvitskii 2007）</translation>
    </message>
    <message>
        <source>soft assignments r_nk ∝ exp(−β‖x−μ_k‖²) (L2 only)</source>
        <translation>软分配 r_nk ∝ exp(−β‖x−μ_k‖²)（仅 L2）</translation>
    </message>
    <message>
        <source>soft k-means stiffness in 1/(data unit)²; large β → hard k-means</source>
        <translation>软 k 均值的刚度，单位 1/(数据单位)²；β 很大 → 硬 k 均值</translation>
    </message>
    <message>
        <source>soft k-means stops when the free energy changes by less than tol·|F|</source>
        <translation>当自由能的变化小于 tol·|F| 时软 k 均值停止</translation>
    </message>
    <message>
        <source>spherical</source>
        <translation>球形</translation>
    </message>
    <message>
        <source>standard deviation of each Gaussian (data units)</source>
        <translation>每个高斯分布的标准差（数据单位）</translation>
    </message>
    <message>
        <source>standard deviation of each blob (data units)</source>
        <translation>每个团簇的标准差（数据单位）</translation>
    </message>
    <message>
        <source>standard deviation of each blob before the shear</source>
        <translation>剪切变换前每个团簇的标准差</translation>
    </message>
    <message>
        <source>std of the Gaussian noise added to each point</source>
        <translation>加到每个点上的高斯噪声的标准差</translation>
    </message>
    <message>
        <source>step on the batch-mean statistics: ΔW = η(⟨vhᵀ⟩_data − ⟨vhᵀ⟩_model) (as scikit-learn)</source>
        <translation>按批平均统计量更新：ΔW = η(⟨vhᵀ⟩_data − ⟨vhᵀ⟩_model)（与 scikit-learn 相同）</translation>
    </message>
    <message>
        <source>stop after this many E + M iterations</source>
        <translation>E + M 迭代达到此次数后停止</translation>
    </message>
    <message>
        <source>stop after this many assign + update iterations</source>
        <translation>分配 + 更新迭代达到此次数后停止</translation>
    </message>
    <message>
        <source>stop when the mean log-likelihood per sample changes by less than tol between iterations (nats, as scikit-learn)</source>
        <translation>当相邻两次迭代间每样本平均对数似然的变化小于 tol 时停止（单位奈特，与 scikit-learn 相同）</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>tied</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>zero</source>
        <translation>零</translation>
    </message>
    <message>
        <source>Generator loss</source>
        <translation>生成器损失</translation>
    </message>
    <message>
        <source>minimax: G minimises E[log(1 − D(G(z)))] as in the lecture (000:961); non-saturating: G minimises −E[log D(G(z))] (beyond the lecture); least-squares: LSGAN (Mao et al. 2017)</source>
        <translation>minimax：G 最小化 E[log(1 − D(G(z)))]，与讲义相同 (000:961)；non-saturating：G 最小化 −E[log D(G(z))]（超出讲义）；least-squares：LSGAN (Mao et al. 2017)</translation>
    </message>
    <message>
        <source>minimax</source>
        <translation>极小极大</translation>
    </message>
    <message>
        <source>non-saturating</source>
        <translation>非饱和</translation>
    </message>
    <message>
        <source>least-squares</source>
        <translation>最小二乘</translation>
    </message>
    <message>
        <source>D steps per G step k</source>
        <translation>每步 G 对应的 D 步数 k</translation>
    </message>
    <message>
        <source>discriminator updates before each generator update (000:961)</source>
        <translation>每次更新生成器前判别器的更新次数 (000:961)</translation>
    </message>
    <message>
        <source>G hidden layers</source>
        <translation>G 隐藏层数</translation>
    </message>
    <message>
        <source>hidden layers of the generator</source>
        <translation>生成器的隐藏层数</translation>
    </message>
    <message>
        <source>G width</source>
        <translation>G 宽度</translation>
    </message>
    <message>
        <source>units per hidden layer of the generator</source>
        <translation>生成器每个隐藏层的单元数</translation>
    </message>
    <message>
        <source>D hidden layers</source>
        <translation>D 隐藏层数</translation>
    </message>
    <message>
        <source>hidden layers of the discriminator</source>
        <translation>判别器的隐藏层数</translation>
    </message>
    <message>
        <source>D width</source>
        <translation>D 宽度</translation>
    </message>
    <message>
        <source>units per hidden layer of the discriminator</source>
        <translation>判别器每个隐藏层的单元数</translation>
    </message>
    <message>
        <source>Hidden activation</source>
        <translation>隐藏层激活函数</translation>
    </message>
    <message>
        <source>activation of every hidden layer of G and D</source>
        <translation>G 和 D 每个隐藏层的激活函数</translation>
    </message>
    <message>
        <source>relu</source>
        <translation>relu</translation>
    </message>
    <message>
        <source>leaky-relu</source>
        <translation>leaky-relu</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>silu</source>
        <translation>silu</translation>
    </message>
    <message>
        <source>Noise dimension m</source>
        <translation>噪声维数 m</translation>
    </message>
    <message>
        <source>dimension of z (1 or 2 can be drawn as a warped grid)</source>
        <translation>z 的维数（1 或 2 时可画成弯曲的网格）</translation>
    </message>
    <message>
        <source>Noise distribution</source>
        <translation>噪声分布</translation>
    </message>
    <message>
        <source>gaussian: z ~ N(0, I); uniform: z ~ U(−1, 1)^m</source>
        <translation>gaussian：z ~ N(0, I)；uniform：z ~ U(−1, 1)^m</translation>
    </message>
    <message>
        <source>gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Adam (Kingma &amp; Ba 2015) or SGD with momentum β₁</source>
        <translation>Adam (Kingma &amp; Ba 2015) 或带动量 β₁ 的 SGD</translation>
    </message>
    <message>
        <source>adam</source>
        <translation>adam</translation>
    </message>
    <message>
        <source>sgd</source>
        <translation>sgd</translation>
    </message>
    <message>
        <source>G learning rate</source>
        <translation>G 学习率</translation>
    </message>
    <message>
        <source>step size of the generator&apos;s optimiser</source>
        <translation>生成器优化器的步长</translation>
    </message>
    <message>
        <source>D learning rate</source>
        <translation>D 学习率</translation>
    </message>
    <message>
        <source>step size of the discriminator&apos;s optimiser</source>
        <translation>判别器优化器的步长</translation>
    </message>
    <message>
        <source>β₁ / momentum</source>
        <translation>β₁ / 动量</translation>
    </message>
    <message>
        <source>Adam&apos;s first-moment decay (0.5 as in DCGAN) or SGD&apos;s momentum</source>
        <translation>Adam 的一阶矩衰减（与 DCGAN 相同取 0.5）或 SGD 的动量</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>real and generated samples per update, each</source>
        <translation>每次更新的真实样本数和生成样本数（各自）</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>the run stops after this many (k D steps + 1 G step each)</source>
        <translation>运行到这么多次后停止（每次 k 步 D + 1 步 G）</translation>
    </message>
    <message>
        <source>Noise schedule</source>
        <translation>噪声调度</translation>
    </message>
    <message>
        <source>constant β (the lecture&apos;s, 003:5957), linear 1e-4 → 0.02 (Ho et al. 2020) or cosine (Nichol &amp; Dhariwal 2021); linear and cosine are beyond the lecture</source>
        <translation>常数 β（讲义的，003:5957）、线性 1e-4 → 0.02 (Ho et al. 2020) 或余弦 (Nichol &amp; Dhariwal 2021)；线性和余弦超出讲义</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>Steps T</source>
        <translation>步数 T</translation>
    </message>
    <message>
        <source>diffusion steps (003: T = 1000)</source>
        <translation>扩散步数（003：T = 1000）</translation>
    </message>
    <message>
        <source>Constant β</source>
        <translation>常数 β</translation>
    </message>
    <message>
        <source>β_t of the constant schedule (the lecture&apos;s 0.01)</source>
        <translation>常数调度的 β_t（讲义取 0.01）</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>hidden layers of ε_θ</source>
        <translation>ε_θ 的隐藏层数</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>units per hidden layer of ε_θ</source>
        <translation>ε_θ 每个隐藏层的单元数</translation>
    </message>
    <message>
        <source>Time embedding</source>
        <translation>时间嵌入</translation>
    </message>
    <message>
        <source>sinusoidal features of t (even; 003:6335-6342)</source>
        <translation>t 的正弦特征数（偶数；003:6335-6342）</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>activation of the hidden layers</source>
        <translation>隐藏层的激活函数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Adam&apos;s step size</source>
        <translation>Adam 的步长</translation>
    </message>
    <message>
        <source>samples per training step (Algorithm 1)</source>
        <translation>每个训练步的样本数（算法 1）</translation>
    </message>
    <message>
        <source>Training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>mini-batches before the reverse chain starts</source>
        <translation>逆向链开始前的小批量数</translation>
    </message>
    <message>
        <source>EMA decay</source>
        <translation>EMA 衰减</translation>
    </message>
    <message>
        <source>sampling uses an exponential moving average of the weights; 0 = off</source>
        <translation>采样使用权重的指数移动平均；0 = 关闭</translation>
    </message>
    <message>
        <source>Loss weighting</source>
        <translation>损失加权</translation>
    </message>
    <message>
        <source>simple: ‖ε − ε_θ‖² (Algorithm 1, 003:6346); weighted: λ_t of the variational bound (003:6319, Ho et al. eq. 12), normalised to mean 1</source>
        <translation>simple：‖ε − ε_θ‖²（算法 1，003:6346）；weighted：变分下界的 λ_t（003:6319，Ho et al. 式 12），归一化为均值 1</translation>
    </message>
    <message>
        <source>simple</source>
        <translation>简单</translation>
    </message>
    <message>
        <source>weighted</source>
        <translation>加权</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>ddpm: Algorithm 2 (003:6362); ddim: Song et al. 2021 (beyond the lecture)</source>
        <translation>ddpm：算法 2 (003:6362)；ddim：Song et al. 2021（超出讲义）</translation>
    </message>
    <message>
        <source>ddpm</source>
        <translation>ddpm</translation>
    </message>
    <message>
        <source>ddim</source>
        <translation>ddim</translation>
    </message>
    <message>
        <source>Reverse variance</source>
        <translation>逆向方差</translation>
    </message>
    <message>
        <source>σ_t² = β̃_t (the lecture, with the √ erratum) or β_t</source>
        <translation>σ_t² = β̃_t（讲义的，含 √ 勘误）或 β_t</translation>
    </message>
    <message>
        <source>posterior</source>
        <translation>后验</translation>
    </message>
    <message>
        <source>beta</source>
        <translation>beta</translation>
    </message>
    <message>
        <source>DDIM steps</source>
        <translation>DDIM 步数</translation>
    </message>
    <message>
        <source>timesteps of the DDIM chain</source>
        <translation>DDIM 链的时间步数</translation>
    </message>
    <message>
        <source>DDIM η</source>
        <translation>DDIM η</translation>
    </message>
    <message>
        <source>0: deterministic DDIM; 1: DDPM&apos;s noise</source>
        <translation>0：确定性 DDIM；1：DDPM 的噪声</translation>
    </message>
    <message>
        <source>Chain points</source>
        <translation>链上的点数</translation>
    </message>
    <message>
        <source>points moved by the reverse chain</source>
        <translation>逆向链移动的点数</translation>
    </message>
</context>
<context>
    <name>PcaPage</name>
    <message>
        <source>Variance along u per step (rises to λ)</source>
        <translation>每步沿 u 的方差（上升到 λ）</translation>
    </message>
    <message>
        <source>uᵀSu</source>
        <translation>uᵀSu</translation>
    </message>
</context>
<context>
    <name>PcaScene</name>
    <message>
        <source> · %1° from PC%2</source>
        <translation> · 与 PC%2 相差 %1°</translation>
    </message>
    <message>
        <source>u: uᵀSu = %1</source>
        <translation>u：uᵀSu = %1</translation>
    </message>
    <message>
        <source>PC%1: λ = %2</source>
        <translation>PC%1：λ = %2</translation>
    </message>
    <message>
        <source>drag: u, uᵀSu = %1</source>
        <translation>拖动：u，uᵀSu = %1</translation>
    </message>
    <message>
        <source>x̄</source>
        <translation>x̄</translation>
    </message>
    <message>
        <source>PC%1 (%2% of the variance)</source>
        <translation>PC%1（占方差的 %2%）</translation>
    </message>
</context>
<context>
    <name>PcaViews</name>
    <message>
        <source>The 3-D view needs data with at least three features.</source>
        <translation>三维视图需要至少有三个特征的数据。</translation>
    </message>
    <message>
        <source>PC%1 (%2)</source>
        <translation>PC%1（%2）</translation>
    </message>
    <message>
        <source>Scores on PC1–PC3 · drag to turn</source>
        <translation>PC1–PC3 上的得分 · 拖动可旋转</translation>
    </message>
    <message>
        <source>Eigen-images need image data (digits, Fashion-MNIST, an IDX file).</source>
        <translation>特征图像需要图像数据（digits、Fashion-MNIST 或 IDX 文件）。</translation>
    </message>
    <message>
        <source>mean x̄</source>
        <translation>均值 x̄</translation>
    </message>
    <message>
        <source>the mean image x̄</source>
        <translation>均值图像 x̄</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>PC%1: λ = %2, %3 of the variance%4</source>
        <translation>PC%1：λ = %2，占方差的 %3%4</translation>
    </message>
    <message>
        <source> (kept with M = %1)</source>
        <translation>（M = %1 时保留）</translation>
    </message>
    <message>
        <source>Mean and eigen-images 1–%1 (blue −, red +) · framed: the M = %2 kept</source>
        <translation>均值和特征图像 1–%1（蓝 −，红 +）· 带框的是 M = %2 时保留的</translation>
    </message>
    <message>
        <source>Reconstructions need image data (digits, Fashion-MNIST, an IDX file).</source>
        <translation>重构需要图像数据（digits、Fashion-MNIST 或 IDX 文件）。</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>original
%1</source>
        <translation>原图
%1</translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation>样本 %1</translation>
    </message>
    <message>
        <source>M = %1 (all)</source>
        <translation>M = %1（全部）</translation>
    </message>
    <message>
        <source>M = %1</source>
        <translation>M = %1</translation>
    </message>
    <message>
        <source>
%1 kept
err %2</source>
        <translation>
保留 %1
误差 %2</translation>
    </message>
    <message>
        <source>through the first %1 components: %2 of the variance kept, ‖x − x̂‖² = %3</source>
        <translation>用前 %1 个主成分：保留方差 %2，‖x − x̂‖² = %3</translation>
    </message>
    <message>
        <source>x̂ = x̄ + Σᵢ (uᵢᵀ(x − x̄)) uᵢ over i = 1..M, with the variance kept and the error ‖x − x̂‖²</source>
        <translation>x̂ = x̄ + Σᵢ (uᵢᵀ(x − x̄)) uᵢ，i = 1..M，并给出保留的方差和误差 ‖x − x̂‖²</translation>
    </message>
</context>
<context>
    <name>RbmPage</name>
    <message>
        <source>Reconstruction error per mini-batch (x: mini-batches)</source>
        <translation>每个小批量的重构误差（x 轴：小批量）</translation>
    </message>
    <message>
        <source>error</source>
        <translation>误差</translation>
    </message>
</context>
<context>
    <name>RbmViews</name>
    <message>
        <source>hidden unit %1: ‖w‖ = %2, b_j = %3, largest |W_ij| = %4</source>
        <translation>隐单元 %1：‖w‖ = %2，b_j = %3，最大 |W_ij| = %4</translation>
    </message>
    <message>
        <source>input v: %1</source>
        <translation>输入 v：%1</translation>
    </message>
    <message>
        <source>p(h|v)</source>
        <translation>p(h|v)</translation>
    </message>
    <message>
        <source>p(h_j = 1 | v) for the %1 hidden units (black 0, white 1), row by row; mean %2, %3 above ½</source>
        <translation>%1 个隐单元的 p(h_j = 1 | v)（黑 0，白 1），逐行排列；均值 %2，%3 个高于 ½</translation>
    </message>
    <message>
        <source>1 step</source>
        <translation>1 步</translation>
    </message>
    <message>
        <source>p(v | h), h ~ p(h | v): one Gibbs step; mean squared error %1</source>
        <translation>p(v | h)，h ~ p(h | v)：一步 Gibbs 采样；均方误差 %1</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1 步</translation>
    </message>
    <message>
        <source>p(v | h) after %1 Gibbs steps v → h → v; mean squared error to the input %2</source>
        <translation>经过 %1 步 Gibbs 采样 v → h → v 后的 p(v | h)；与输入的均方误差 %2</translation>
    </message>
    <message>
        <source>input v | p(h|v) | p(v|h) after 1 Gibbs step | after %1 steps (current weights)</source>
        <translation>输入 v | p(h|v) | 1 步 Gibbs 采样后的 p(v|h) | %1 步后（当前权重）</translation>
    </message>
    <message>
        <source>Paint the input: left button white, right button black</source>
        <translation>绘制输入：左键白色，右键黑色</translation>
    </message>
</context>
<context>
    <name>SessionFile</name>
    <message>
        <source>cannot write the file (%1)</source>
        <translation>无法写入文件（%1）</translation>
    </message>
    <message>
        <source>cannot read the file (%1)</source>
        <translation>无法读取文件（%1）</translation>
    </message>
    <message>
        <source>line %1, column %2: %3 — the file is damaged</source>
        <translation>第 %1 行，第 %2 列：%3——文件已损坏</translation>
    </message>
    <message>
        <source>not a LatentLab session file</source>
        <translation>不是 LatentLab 会话文件</translation>
    </message>
    <message>
        <source>written by a newer LatentLab (session version %1; this one reads up to %2)</source>
        <translation>由更新版本的 LatentLab 写入（会话版本 %1；本程序最高只能读取 %2）</translation>
    </message>
    <message>
        <source>the session version is missing or invalid</source>
        <translation>会话版本缺失或无效</translation>
    </message>
    <message>
        <source>“%1%2” is missing or not text</source>
        <translation>“%1%2”缺失或不是文本</translation>
    </message>
    <message>
        <source>“%1%2” is missing or not a number</source>
        <translation>“%1%2”缺失或不是数字</translation>
    </message>
    <message>
        <source>“%1%2” is not a whole number</source>
        <translation>“%1%2”不是整数</translation>
    </message>
    <message>
        <source>parameter “%1” is not text</source>
        <translation>参数“%1”不是文本</translation>
    </message>
    <message>
        <source>“data” is missing</source>
        <translation>缺少“data”</translation>
    </message>
    <message>
        <source>“step” must not be negative</source>
        <translation>“step”不能为负数</translation>
    </message>
    <message>
        <source>“edits” is not a list</source>
        <translation>“edits” 不是列表</translation>
    </message>
    <message>
        <source>the edits&apos; steps must rise and end by “step”</source>
        <translation>各项编辑的步数必须递增，且不超过“step”</translation>
    </message>
</context>
<context>
    <name>latentlab::app::AlgorithmPage</name>
    <message>
        <source>Seed of the initialisation: the same seed replays the same run</source>
        <translation>初始化的随机种子：相同的种子重放相同的运行</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>view</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Points can be added to 2-D data only.</source>
        <translation>只能向二维数据添加点。</translation>
    </message>
    <message>
        <source>the %1 page cannot start from a model (“%2”)</source>
        <translation>%1 页面不能从模型开始（“%2”）</translation>
    </message>
</context>
<context>
    <name>latentlab::app::AlgorithmWorker</name>
    <message>
        <source>The model diverged at step %1 (objective %2); paused at the last good state.</source>
        <translation>模型在第 %1 步发散（目标函数值 %2）；已暂停在最后一个正常状态。</translation>
    </message>
</context>
<context>
    <name>latentlab::app::DataPanel</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>%1 (generated)</source>
        <translation>%1（生成）</translation>
    </message>
    <message>
        <source>Open CSV file…</source>
        <translation>打开 CSV 文件…</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Seed of the generator: the same seed gives the same points</source>
        <translation>生成器的随机种子：相同的种子给出相同的点</translation>
    </message>
    <message>
        <source>New sample</source>
        <translation>重新采样</translation>
    </message>
    <message>
        <source>Draw the generator again with the next seed</source>
        <translation>用下一个种子重新运行生成器</translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation>数据种子</translation>
    </message>
    <message>
        <source>Standardise (z-score each feature)</source>
        <translation>标准化（每个特征做 z 分数）</translation>
    </message>
    <message>
        <source>x ← (x − mean) / standard deviation, per feature</source>
        <translation>x ← (x − 均值) / 标准差，逐特征</translation>
    </message>
    <message>
        <source>x axis</source>
        <translation>x 轴</translation>
    </message>
    <message>
        <source>y axis</source>
        <translation>y 轴</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop loading and keep the data you had</source>
        <translation>停止加载，保留原来的数据</translation>
    </message>
    <message>
        <source>Image data keep their grey levels (not z-scored)</source>
        <translation>图像数据保留灰度值（不做 z 分数标准化）</translation>
    </message>
    <message>
        <source>Loading %1… %2%</source>
        <translation>正在加载 %1… %2%</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>，约剩 %1 秒</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Open a CSV file</source>
        <translation>打开 CSV 文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>latentlab::app::DdpmPage</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Forward process</source>
        <translation>前向过程</translation>
    </message>
    <message>
        <source>Reverse chain</source>
        <translation>逆向链</translation>
    </message>
    <message>
        <source>Strip</source>
        <translation>条带</translation>
    </message>
    <message>
        <source>Diffusion</source>
        <translation>扩散</translation>
    </message>
    <message>
        <source>Sample now</source>
        <translation>立即采样</translation>
    </message>
    <message>
        <source>End training here and run the reverse chain from fresh noise x_T ~ N(0, I); after the chain reached x₀: a new chain</source>
        <translation>在此结束训练，从新的噪声 x_T ~ N(0, I) 运行逆向链；链到达 x₀ 之后：开始一条新链</translation>
    </message>
    <message>
        <source>Pretrained model</source>
        <translation>预训练模型</translation>
    </message>
    <message>
        <source>Start from the model shipped for these data (trained by LatentLab&apos;s own code): the reverse chain runs at once</source>
        <translation>从随程序附带的该数据的模型开始（由 LatentLab 自己的代码训练）：逆向链立即运行</translation>
    </message>
    <message>
        <source>Predicted noise −ε_θ(x, t) as arrows</source>
        <translation>以箭头显示预测噪声 −ε_θ(x, t)</translation>
    </message>
    <message>
        <source>Where the denoiser moves a point at the current t: against the noise it predicts, along the score ∇log p_t(x) = −ε_θ / √(1 − ᾱ_t)</source>
        <translation>去噪器在当前 t 把点移向何处：与其预测的噪声相反，沿着得分 ∇log p_t(x) = −ε_θ / √(1 − ᾱ_t)</translation>
    </message>
    <message>
        <source>Paths of chain points</source>
        <translation>链上点的路径</translation>
    </message>
    <message>
        <source>The whole path of the first points of the chain from x_T</source>
        <translation>链中前几个点从 x_T 起的完整路径</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>&lt;i&gt;Step back and forth through the chain with the timeline. Training runs as fast as possible; the chain at %1 steps/s.&lt;/i&gt;</source>
        <translation>&lt;i&gt;用时间轴在链中前后步进。训练以最快速度运行；逆向链每秒 %1 步。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Timestep t of q(x_t | x₀) = N(√ᾱ_t x₀, (1 − ᾱ_t) I)</source>
        <translation>q(x_t | x₀) = N(√ᾱ_t x₀, (1 − ᾱ_t) I) 的时间步 t</translation>
    </message>
    <message>
        <source>Training diverged: press Reset (R) or lower the learning rate.</source>
        <translation>训练发散：请按“重置”(R) 或降低学习率。</translation>
    </message>
    <message>
        <source>Diverged: training stopped with the last good network (see Events)</source>
        <translation>发散：训练已停止，保留最后一个正常的网络（见事件）</translation>
    </message>
    <message>
        <source>t = %1 of %2   ᾱ_t = %3</source>
        <translation>t = %1 / %2   ᾱ_t = %3</translation>
    </message>
    <message>
        <source>t = %1 of %2</source>
        <translation>t = %1 / %2</translation>
    </message>
    <message>
        <source>  ·  preview samples from step %1 (EMA weights)</source>
        <translation>  ·  第 %1 步的预览样本（EMA 权重）</translation>
    </message>
    <message>
        <source>  ·  β_t = %1, ᾱ_t = %2</source>
        <translation>  ·  β_t = %1，ᾱ_t = %2</translation>
    </message>
    <message>
        <source>  ·  diverged: stopped with the last good network</source>
        <translation>  ·  发散：已停止，保留最后一个正常的网络</translation>
    </message>
    <message>
        <source>  ·  the chain reached x₀: Sample now draws a new chain</source>
        <translation>  ·  链已到达 x₀：“立即采样”会生成一条新链</translation>
    </message>
    <message>
        <source>Diffusion (DDPM)</source>
        <translation>扩散模型 (DDPM)</translation>
    </message>
    <message>
        <source>Noise schedule</source>
        <translation>噪声调度</translation>
    </message>
    <message>
        <source>Pretrained model: %1</source>
        <translation>预训练模型：%1</translation>
    </message>
    <message>
        <source>Pretrained model for %1, trained for %2 steps by: %3</source>
        <translation>%1 的预训练模型，训练了 %2 步，命令：%3</translation>
    </message>
    <message>
        <source>Added %1 data points around (%2, %3); training goes on with them.</source>
        <translation>在 (%2, %3) 附近添加了 %1 个数据点；训练将带着它们继续。</translation>
    </message>
    <message>
        <source>the diffusion page starts only from its shipped models, not “%1”</source>
        <translation>扩散模型页面只能从随程序提供的模型开始，不能从“%1”开始</translation>
    </message>
    <message>
        <source>the shipped model cannot be loaded</source>
        <translation>无法加载随程序提供的模型</translation>
    </message>
</context>
<context>
    <name>latentlab::app::GanPage</name>
    <message>
        <source>J</source>
        <translation>J</translation>
    </message>
    <message>
        <source>Discriminator and generator losses</source>
        <translation>判别器与生成器的损失</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Mean D(real) and D(fake): both → ½ when D cannot tell</source>
        <translation>D(真实) 与 D(生成) 的均值：D 无法分辨时两者都 → ½</translation>
    </message>
    <message>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <source>½</source>
        <translation>½</translation>
    </message>
    <message>
        <source>Value J(G, D) = E log D(x) + E log(1 − D(G(z)))</source>
        <translation>价值函数 J(G, D) = E log D(x) + E log(1 − D(G(z)))</translation>
    </message>
    <message>
        <source>equilibrium −log 4</source>
        <translation>均衡点 −log 4</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>D(real), D(fake)</source>
        <translation>D(真实), D(生成)</translation>
    </message>
    <message>
        <source>Value J</source>
        <translation>价值 J</translation>
    </message>
    <message>
        <source>Generated images</source>
        <translation>生成的图像</translation>
    </message>
    <message>
        <source>Samples and D(x)</source>
        <translation>样本与 D(x)</translation>
    </message>
    <message>
        <source>Step one network</source>
        <translation>单独训练一个网络</translation>
    </message>
    <message>
        <source>Train D once</source>
        <translation>训练 D 一步</translation>
    </message>
    <message>
        <source>One discriminator update now, the generator unchanged</source>
        <translation>现在更新一次判别器，生成器不变</translation>
    </message>
    <message>
        <source>Train G once</source>
        <translation>训练 G 一步</translation>
    </message>
    <message>
        <source>One generator update now (the gradient flows through the fixed D)</source>
        <translation>现在更新一次生成器（梯度穿过固定的 D 回传）</translation>
    </message>
    <message>
        <source>D(x) heat map</source>
        <translation>D(x) 热力图</translation>
    </message>
    <message>
        <source>Gradient arrows −∂(G loss)/∂x</source>
        <translation>梯度箭头 −∂(G 损失)/∂x</translation>
    </message>
    <message>
        <source>Generator manifold (z grid through G)</source>
        <translation>生成器流形（z 网格经 G 映射）</translation>
    </message>
    <message>
        <source>The discriminator&apos;s output over the plane: purple says fake, green says real</source>
        <translation>判别器在整个平面上的输出：紫色表示“生成”，绿色表示“真实”</translation>
    </message>
    <message>
        <source>Where the next generator step pushes 100 of the generated samples</source>
        <translation>下一次生成器更新会把 100 个生成样本推向何处</translation>
    </message>
    <message>
        <source>Lines of constant z₁ and z₂ (±2.5 for Gaussian noise, ±1 for uniform) mapped through G; noise dimension 1 or 2 only</source>
        <translation>z₁、z₂ 等值线（高斯噪声取 ±2.5，均匀噪声取 ±1）经 G 映射；仅适用于噪声维数 1 或 2</translation>
    </message>
    <message>
        <source>The run diverged: press Reset (R), or go back on the timeline and continue from there.</source>
        <translation>训练发散：按“重置”（R），或在时间轴上退回并从那里继续。</translation>
    </message>
    <message>
        <source>&lt;i&gt;Minimax: the lecture&apos;s loss (000:961-978).&lt;/i&gt;</source>
        <translation>&lt;i&gt;极小极大：讲义中的损失（000:961-978）。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Note: the %1 generator loss is beyond the lecture, which uses the minimax loss log(1 − D(G(z))) (000:961-978).&lt;/i&gt;</source>
        <translation>&lt;i&gt;注意：%1 生成器损失超出讲义范围，讲义使用极小极大损失 log(1 − D(G(z)))（000:961-978）。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>non-saturating</source>
        <translation>非饱和</translation>
    </message>
    <message>
        <source>least-squares</source>
        <translation>最小二乘</translation>
    </message>
    <message>
        <source>Diverged: the last good networks (see Events)</source>
        <translation>已发散：显示最后一组正常的网络（见事件）</translation>
    </message>
    <message>
        <source>G(z) for the same %1 fixed noise vectors z · %2</source>
        <translation>同一组 %1 个固定噪声向量 z 的 G(z) · %2</translation>
    </message>
    <message>
        <source>G loss E log(1 − D(G(z)))</source>
        <translation>G 损失 E log(1 − D(G(z)))</translation>
    </message>
    <message>
        <source>G loss −E log D(G(z))</source>
        <translation>G 损失 −E log D(G(z))</translation>
    </message>
    <message>
        <source>G loss ½E(D(G(z)) − 1)²</source>
        <translation>G 损失 ½E(D(G(z)) − 1)²</translation>
    </message>
    <message>
        <source>D loss</source>
        <translation>D 损失</translation>
    </message>
    <message>
        <source>mean D(real)</source>
        <translation>D(真实) 均值</translation>
    </message>
    <message>
        <source>mean D(fake)</source>
        <translation>D(生成) 均值</translation>
    </message>
    <message>
        <source>J on the D batch</source>
        <translation>D 批次上的 J</translation>
    </message>
    <message>
        <source>Iteration %1  ·  %2</source>
        <translation>第 %1 次迭代  ·  %2</translation>
    </message>
    <message>
        <source>  ·  D loss %1, G loss %2  ·  D(real) %3, D(fake) %4  ·  J %5 (equilibrium −log 4 = −1.386)</source>
        <translation>  ·  D 损失 %1，G 损失 %2  ·  D(真实) %3，D(生成) %4  ·  J %5（均衡点 −log 4 = −1.386）</translation>
    </message>
    <message>
        <source>  ·  diverged: paused at the last good state</source>
        <translation>  ·  已发散：停在最后一个正常状态</translation>
    </message>
    <message>
        <source>  ·  stopped at the iteration limit</source>
        <translation>  ·  已达迭代上限而停止</translation>
    </message>
    <message>
        <source>Added %1 real points around (%2, %3); the generator keeps its networks.</source>
        <translation>在 (%2, %3) 附近添加了 %1 个真实点；生成器保留其网络。</translation>
    </message>
    <message>
        <source>GAN (adversarial training)</source>
        <translation>GAN（对抗训练）</translation>
    </message>
    <message>
        <source>  ·  modes covered %1 of %2, %3 % high-quality samples</source>
        <translation>  ·  覆盖模式 %1 / %2，高质量样本 %3 %</translation>
    </message>
</context>
<context>
    <name>latentlab::app::GmmPage</name>
    <message>
        <source>Gaussian mixture (EM)</source>
        <translation>高斯混合模型（EM）</translation>
    </message>
    <message>
        <source>Log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>AIC / BIC (choose K)</source>
        <translation>AIC / BIC（选择 K）</translation>
    </message>
    <message>
        <source>EM lower bound</source>
        <translation>EM 下界</translation>
    </message>
    <message>
        <source>Fit all features (2-D view of the x and y axes), or one feature alone: the 1-D view with the histogram, the mixture density and its components</source>
        <translation>拟合全部特征（x 轴和 y 轴的二维视图），或只拟合一个特征：一维视图显示直方图、混合密度及其各分量</translation>
    </message>
    <message>
        <source>Fit on</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>%1 (1-D)</source>
        <translation>%1（一维）</translation>
    </message>
    <message>
        <source>all %1 features (2-D view)</source>
        <translation>全部 %1 个特征（二维视图）</translation>
    </message>
    <message>
        <source>%1 only (1-D)</source>
        <translation>仅 %1（一维）</translation>
    </message>
    <message>
        <source>  ·  ℓ/N = %1</source>
        <translation>  ·  ℓ/N = %1</translation>
    </message>
    <message>
        <source>  ·  Δ = %1</source>
        <translation>  ·  Δ = %1</translation>
    </message>
    <message>
        <source>  ·  converged</source>
        <translation>  ·  已收敛</translation>
    </message>
    <message>
        <source>  ·  stopped at max-iter</source>
        <translation>  ·  已达 max-iter 停止</translation>
    </message>
</context>
<context>
    <name>latentlab::app::KMeansPage</name>
    <message>
        <source>k-means</source>
        <translation>k 均值</translation>
    </message>
    <message>
        <source>Objective J</source>
        <translation>目标函数 J</translation>
    </message>
    <message>
        <source>Elbow (choose K)</source>
        <translation>肘部法（选择 K）</translation>
    </message>
    <message>
        <source>Iteration %1  ·  %2</source>
        <translation>第 %1 次迭代  ·  %2</translation>
    </message>
    <message>
        <source>  ·  J = %1</source>
        <translation>  ·  J = %1</translation>
    </message>
    <message>
        <source>  ·  ΔJ = %1</source>
        <translation>  ·  ΔJ = %1</translation>
    </message>
    <message numerus="yes">
        <source>  ·  %n point(s) changed cluster</source>
        <translation>
            <numerusform>  ·  %n 个点改变了所属的簇</numerusform>
        </translation>
    </message>
    <message>
        <source>  ·  converged</source>
        <translation>  ·  已收敛</translation>
    </message>
    <message>
        <source>  ·  stopped at max-iter</source>
        <translation>  ·  已达 max-iter 停止</translation>
    </message>
    <message>
        <source>Points can be added to 2-D data only.</source>
        <translation>只能向二维数据添加点。</translation>
    </message>
    <message>
        <source>K = %1 clusters need at least %1 points.</source>
        <translation>K = %1 个簇至少需要 %1 个点。</translation>
    </message>
</context>
<context>
    <name>latentlab::app::MainWindow</name>
    <message>
        <source>OpenGL</source>
        <translation>OpenGL</translation>
    </message>
    <message>
        <source>QPainter</source>
        <translation>QPainter</translation>
    </message>
    <message>
        <source>Drawing with QPainter: %1.</source>
        <translation>使用 QPainter 绘图：%1。</translation>
    </message>
    <message>
        <source>OpenGL failed, drawing with QPainter: %1</source>
        <translation>OpenGL 失败，改用 QPainter 绘图：%1</translation>
    </message>
    <message>
        <source>Could not load the data</source>
        <translation>无法加载数据</translation>
    </message>
    <message>
        <source>No tab called “%1” here.</source>
        <translation>这里没有名为“%1”的标签页。</translation>
    </message>
    <message>
        <source>LatentLab — %1 on %2</source>
        <translation>LatentLab — %1，数据 %2</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>New run: pick seeds again (R)</source>
        <translation>新的运行：重新选取种子（R）</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Show the previous step (Left arrow)</source>
        <translation>显示上一步（左方向键）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格）</translation>
    </message>
    <message>
        <source>Half-step</source>
        <translation>半步</translation>
    </message>
    <message>
        <source>One half-step: reassign, or compute centroids (Right arrow)</source>
        <translation>走半步：重新分配，或计算质心（右方向键）</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>One iteration: reassign and compute centroids (Shift+Right)</source>
        <translation>一次迭代：重新分配并计算质心（Shift+右方向键）</translation>
    </message>
    <message>
        <source>Converge</source>
        <translation>收敛</translation>
    </message>
    <message>
        <source>Run as fast as possible until converged (C)</source>
        <translation>全速运行直到收敛（C）</translation>
    </message>
    <message>
        <source>Elbow</source>
        <translation>肘部法</translation>
    </message>
    <message>
        <source>Best J over 5 restarts for K = 1..10, to choose K (E)</source>
        <translation>对 K = 1..10 各做 5 次重启取最优 J，用于选择 K（E）</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <source>1 step/s</source>
        <translation>1 步/秒</translation>
    </message>
    <message>
        <source>2 steps/s</source>
        <translation>2 步/秒</translation>
    </message>
    <message>
        <source>4 steps/s</source>
        <translation>4 步/秒</translation>
    </message>
    <message>
        <source>10 steps/s</source>
        <translation>10 步/秒</translation>
    </message>
    <message>
        <source>30 steps/s</source>
        <translation>30 步/秒</translation>
    </message>
    <message>
        <source>60 steps/s</source>
        <translation>60 步/秒</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <source> Timeline </source>
        <translation> 时间线 </translation>
    </message>
    <message>
        <source>Scrub through every step of the run; playing from a past step continues from there</source>
        <translation>拖动查看运行的每一步；从过去的某一步开始播放会从那里继续</translation>
    </message>
    <message>
        <source> step 0 / 0 </source>
        <translation> 第 0 / 0 步 </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open CSV…</source>
        <translation>打开 CSV…</translation>
    </message>
    <message>
        <source>Open session…</source>
        <translation>打开会话…</translation>
    </message>
    <message>
        <source>Save session…</source>
        <translation>保存会话…</translation>
    </message>
    <message>
        <source>Recent sessions</source>
        <translation>最近的会话</translation>
    </message>
    <message>
        <source>Open last session</source>
        <translation>打开上次的会话</translation>
    </message>
    <message>
        <source>No last session saved yet.</source>
        <translation>尚未保存上次的会话。</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>导出图形…</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>导出动画…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Voronoi cells / mixture density</source>
        <translation>Voronoi 区域 / 混合密度</translation>
    </message>
    <message>
        <source>Centroid trails</source>
        <translation>质心轨迹</translation>
    </message>
    <message>
        <source>Fit data in view</source>
        <translation>使数据适合视图</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Full screen, large text and markers, only the step controls (F5; Esc leaves)</source>
        <translation>全屏、大字体和大标记，只保留单步控制（F5；Esc 退出）</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About LatentLab</source>
        <translation>关于 LatentLab</translation>
    </message>
    <message>
        <source>&lt;b&gt;LatentLab&lt;/b&gt; %1&lt;br&gt;Unsupervised and generative learning, step by step.&lt;br&gt;&lt;br&gt;Click: add a point · right-click: remove · drag a ◆ centroid and continue · wheel: zoom · drag: pan · F: fit the data in view.</source>
        <translation>&lt;b&gt;LatentLab&lt;/b&gt; %1&lt;br&gt;一步一步地看无监督学习与生成式学习。&lt;br&gt;&lt;br&gt;单击：添加点 · 右键：删除点 · 拖动 ◆ 质心后继续 · 滚轮：缩放 · 拖动：平移 · F：使数据适合视图。</translation>
    </message>
    <message>
        <source>The algorithm to run on the data</source>
        <translation>在数据上运行的算法</translation>
    </message>
    <message>
        <source>&lt;b&gt;Algorithm&lt;/b&gt;</source>
        <translation>&lt;b&gt;算法&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Data and parameters</source>
        <translation>数据和参数</translation>
    </message>
    <message>
        <source>&lt;b&gt;Events&lt;/b&gt;</source>
        <translation>&lt;b&gt;事件&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Formulas and events</source>
        <translation>公式和事件</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source> step %1 / %2 </source>
        <translation> 第 %1 / %2 步 </translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>导出图形</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>unknown algorithm “%1”</source>
        <translation>未知算法“%1”</translation>
    </message>
    <message>
        <source>the data file %1 is not there any more</source>
        <translation>数据文件 %1 已不存在</translation>
    </message>
    <message>
        <source>%1 has changed since the session was saved: the run may differ.</source>
        <translation>%1 在保存会话之后已被修改：运行结果可能不同。</translation>
    </message>
    <message>
        <source>cannot load the data set “%1”</source>
        <translation>无法加载数据集“%1”</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>LatentLab sessions (*.json)</source>
        <translation>LatentLab 会话 (*.json)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>LatentLab sessions (*.json);;All files (*)</source>
        <translation>LatentLab 会话 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open the session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>%1: an animation is a .gif file or a .png sequence</source>
        <translation>%1：动画应为 .gif 文件或 .png 序列</translation>
    </message>
    <message>
        <source>%1: cannot write the file</source>
        <translation>%1：无法写入文件</translation>
    </message>
    <message>
        <source>Run a few steps first: the animation shows the run so far.</source>
        <translation>请先运行几步：动画显示到目前为止的运行过程。</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>From step</source>
        <translation>起始步</translation>
    </message>
    <message>
        <source>To step</source>
        <translation>结束步</translation>
    </message>
    <message>
        <source>Every n-th step</source>
        <translation>每隔 n 步</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Width (px)</source>
        <translation>宽度（像素）</translation>
    </message>
    <message>
        <source>Height (px)</source>
        <translation>高度（像素）</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif);;PNG sequence (*.png)</source>
        <translation>GIF 动画 (*.gif);;PNG 序列 (*.png)</translation>
    </message>
    <message>
        <source>Drawing frames…</source>
        <translation>正在绘制帧…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Frame %1 of %2, about %3 s left</source>
        <translation>第 %1 / %2 帧，约剩 %3 秒</translation>
    </message>
    <message>
        <source>Animation cancelled after %1 frames</source>
        <translation>动画在 %1 帧后取消</translation>
    </message>
    <message>
        <source>Exported %1 (%2 frames)</source>
        <translation>已导出 %1（%2 帧）</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export all views…</source>
        <translation>导出全部视图…</translation>
    </message>
    <message>
        <source>Export iteration series…</source>
        <translation>导出迭代序列…</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Pure black on white, thicker lines, larger markers, saturated colour-blind-safe colours</source>
        <translation>白底纯黑、更粗的线、更大的标记、色盲友好的饱和色</translation>
    </message>
    <message>
        <source>High contrast in presentation mode</source>
        <translation>演示模式下使用高对比度</translation>
    </message>
    <message>
        <source>%1 %2 of %3, about %4 s left</source>
        <translation>%1 %2 / %3，约剩 %4 秒</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>unknown figure format &apos;%1&apos; (use png, svg or pdf)</source>
        <translation>未知的图形格式“%1”（请用 png、svg 或 pdf）</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1：无法创建文件夹</translation>
    </message>
    <message>
        <source>%1: run a few steps first</source>
        <translation>%1：请先运行几步</translation>
    </message>
    <message>
        <source>Export all views</source>
        <translation>导出全部视图</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Files: %1, one per view and chart tab</source>
        <translation>文件：%1，每个视图和图表标签页一个</translation>
    </message>
    <message>
        <source>&lt;tab&gt;.&lt;format&gt;</source>
        <translation>&lt;标签页&gt;.&lt;格式&gt;</translation>
    </message>
    <message>
        <source>Drawing panels…</source>
        <translation>正在绘制面板…</translation>
    </message>
    <message>
        <source>Panel</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>Export all views cancelled: no file written</source>
        <translation>已取消导出全部视图：未写入任何文件</translation>
    </message>
    <message>
        <source>Exported %1 files to %2</source>
        <translation>已导出 %1 个文件到 %2</translation>
    </message>
    <message>
        <source>Run a few steps first: the series shows states of the run so far.</source>
        <translation>请先运行几步：序列显示的是到目前为止的运行状态。</translation>
    </message>
    <message>
        <source>Export iteration series</source>
        <translation>导出迭代序列</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>Every n-th iteration</source>
        <translation>每隔 n 次迭代</translation>
    </message>
    <message>
        <source>Whole numbers separated by commas; &apos;last&apos; for the final state. Iterations the run has not reached show its last state.</source>
        <translation>用逗号分隔的整数；“last”表示最终状态。尚未到达的迭代显示最后的状态。</translation>
    </message>
    <message>
        <source>The run has %1 iterations so far.</source>
        <translation>目前已运行 %1 次迭代。</translation>
    </message>
    <message>
        <source>SVG (*.svg);;PDF (*.pdf);;PNG (*.png)</source>
        <translation>SVG (*.svg);;PDF (*.pdf);;PNG (*.png)</translation>
    </message>
    <message>
        <source>Collecting panels…</source>
        <translation>正在收集面板…</translation>
    </message>
    <message>
        <source>Iteration series cancelled: no file written</source>
        <translation>已取消迭代序列：未写入任何文件</translation>
    </message>
    <message>
        <source>Exported %1 (%2 panels)</source>
        <translation>已导出 %1（%2 个面板）</translation>
    </message>
    <message>
        <source>Pretrained model: %1</source>
        <translation>预训练模型：%1</translation>
    </message>
    <message>
        <source>--pretrained is for the RBM and diffusion pages (--algorithm rbm or ddpm).</source>
        <translation>--pretrained 只用于 RBM 和扩散模型页面（--algorithm rbm 或 ddpm）。</translation>
    </message>
    <message>
        <source>the model file %1 is not there any more</source>
        <translation>模型文件 %1 已不存在</translation>
    </message>
    <message>
        <source>The session&apos;s edit “%1” at step %2 could not be replayed.</source>
        <translation>会话中第 %2 步的编辑“%1”无法重放。</translation>
    </message>
    <message>
        <source>This run has changes made by hand (points or centroids dragged, added or removed): the session replays its %1 steps from the seed without them.</source>
        <translation>这次运行含有手动做出的改动（拖动、添加或删除的点或质心）：会话会从种子重放它的 %1 步，但不包含这些改动。</translation>
    </message>
</context>
<context>
    <name>latentlab::app::PcaPage</name>
    <message>
        <source>PCA (step by step)</source>
        <translation>PCA（逐步）</translation>
    </message>
    <message>
        <source>Variance along u</source>
        <translation>沿 u 的方差</translation>
    </message>
    <message>
        <source>Turn slowly</source>
        <translation>缓慢旋转</translation>
    </message>
    <message>
        <source>Rotate the cloud about the vertical axis (drag to turn it by hand)</source>
        <translation>绕竖直轴旋转点云（拖动可手动旋转）</translation>
    </message>
    <message>
        <source>PC1–PC2 face on</source>
        <translation>正对 PC1–PC2 平面</translation>
    </message>
    <message>
        <source>Look along PC3: the same picture as the 2-D scores</source>
        <translation>沿 PC3 方向看：与二维得分图相同</translation>
    </message>
    <message>
        <source>3-D</source>
        <translation>三维</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>投影</translation>
    </message>
    <message>
        <source>Eigen-images</source>
        <translation>特征图像</translation>
    </message>
    <message>
        <source>Which sample to reconstruct</source>
        <translation>要重构的样本</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>· framed: the cut-off M of the Scree and E(M) charts (click an image to choose it)</source>
        <translation>· 带框的是碎石图和 E(M) 图中的截断点 M（单击图像可选择）</translation>
    </message>
    <message>
        <source>Reconstructions</source>
        <translation>重构</translation>
    </message>
    <message>
        <source>Variance by direction</source>
        <translation>各方向的方差</translation>
    </message>
    <message>
        <source>Scree</source>
        <translation>碎石图</translation>
    </message>
    <message>
        <source>E(M)</source>
        <translation>E(M)</translation>
    </message>
    <message>
        <source>  ·  uᵀSu = %1</source>
        <translation>  ·  uᵀSu = %1</translation>
    </message>
    <message>
        <source>  ·  λ%1 = %2</source>
        <translation>  ·  λ%1 = %2</translation>
    </message>
    <message>
        <source>  ·  found %1 of %2, %3% of the variance</source>
        <translation>  ·  已找到 %1 / %2 个，占方差的 %3%</translation>
    </message>
</context>
<context>
    <name>latentlab::app::RbmPage</name>
    <message>
        <source>RBM (contrastive divergence)</source>
        <translation>RBM（对比散度）</translation>
    </message>
    <message>
        <source>Reconstruction error</source>
        <translation>重构误差</translation>
    </message>
    <message>
        <source>Load model…</source>
        <translation>加载模型…</translation>
    </message>
    <message>
        <source>Start from the weights in a model file (latentlab run rbm --save-model)</source>
        <translation>从模型文件中的权重开始（latentlab run rbm --save-model）</translation>
    </message>
    <message>
        <source>Pretrained model</source>
        <translation>预训练模型</translation>
    </message>
    <message>
        <source>Start from the shipped 784 → 256 RBM trained on Fashion-MNIST (needs 28 × 28 images: choose fashion-mnist or fashion-mnist-test)</source>
        <translation>从随程序提供的、在 Fashion-MNIST 上训练好的 784 → 256 RBM 开始（需要 28 × 28 图像：请选择 fashion-mnist 或 fashion-mnist-test）</translation>
    </message>
    <message>
        <source>Load RBM model</source>
        <translation>加载 RBM 模型</translation>
    </message>
    <message>
        <source>RBM models (*.bin);;All files (*)</source>
        <translation>RBM 模型 (*.bin);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Load model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>滤波器</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>The first of the samples shown</source>
        <translation>所显示样本中的第一个</translation>
    </message>
    <message>
        <source>Gibbs steps for the last column</source>
        <translation>最后一列的 Gibbs 步数</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Paint on the first input (left button white, right black) and watch its reconstruction</source>
        <translation>在第一个输入上绘制（左键白色，右键黑色），观察它的重构</translation>
    </message>
    <message>
        <source>First sample</source>
        <translation>第一个样本</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>Reconstructions</source>
        <translation>重构</translation>
    </message>
    <message>
        <source>from noise</source>
        <translation>从噪声开始</translation>
    </message>
    <message>
        <source>from the first sample</source>
        <translation>从第一个样本开始</translation>
    </message>
    <message>
        <source>Where the chain starts: random bits, or the Reconstructions tab&apos;s first sample</source>
        <translation>马尔可夫链的起点：随机比特，或“重构”标签页中的第一个样本</translation>
    </message>
    <message>
        <source>Keep every n-th state in the strip</source>
        <translation>条带中每隔 n 个状态保留一个</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Restart chain</source>
        <translation>重启链</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>keep every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <source>Dreams</source>
        <translation>梦境（采样）</translation>
    </message>
    <message>
        <source>Pseudo-log-likelihood (training rows)</source>
        <translation>伪对数似然（训练样本）</translation>
    </message>
    <message>
        <source>nats per sample</source>
        <translation>每样本奈特</translation>
    </message>
    <message>
        <source>Mean free energy F(v)</source>
        <translation>平均自由能 F(v)</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
    <message>
        <source>Monitors</source>
        <translation>监控</translation>
    </message>
    <message>
        <source>Hidden activations p(h|v) over the last mini-batch</source>
        <translation>上一个小批量上的隐单元激活 p(h|v)</translation>
    </message>
    <message>
        <source>Hidden activations</source>
        <translation>隐单元激活</translation>
    </message>
    <message>
        <source>The RBM needs values in [0, 1]: %1 is divided by its maximum, %2.</source>
        <translation>RBM 需要 [0, 1] 内的值：%1 已除以其最大值 %2。</translation>
    </message>
    <message>
        <source>The RBM needs values in [0, 1]: %1 is mapped from [%2, %3] onto [0, 1].</source>
        <translation>RBM 需要 [0, 1] 内的值：%1 已从 [%2, %3] 映射到 [0, 1]。</translation>
    </message>
    <message>
        <source>The loaded model does not fit the new data: starting from random weights.</source>
        <translation>已加载的模型与新数据不匹配：改为从随机权重开始。</translation>
    </message>
    <message>
        <source>These data are not images: each filter is drawn as a 1 × %1 strip.</source>
        <translation>这些数据不是图像：每个滤波器画成 1 × %1 的条带。</translation>
    </message>
    <message>
        <source>the pretrained model is missing from this build</source>
        <translation>此构建中缺少预训练模型</translation>
    </message>
    <message>
        <source>Starting from %1 (%2 → %3)%4</source>
        <translation>从 %1（%2 → %3）开始%4</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>：%1</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>单元 %1</translation>
    </message>
    <message>
        <source>Two of the %1 visible units over the data (scaled to [0, 1]); the RBM sees all of them</source>
        <translation>数据上 %1 个可见单元中的两个（缩放到 [0, 1]）；RBM 看到的是全部单元</translation>
    </message>
    <message>
        <source>pseudo-log-likelihood</source>
        <translation>伪对数似然</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>held-out</source>
        <translation>留出集</translation>
    </message>
    <message>
        <source>epoch %1: gap F(held-out) − F(train) = %2</source>
        <translation>第 %1 轮：差距 F(留出) − F(训练) = %2</translation>
    </message>
    <message>
        <source>%1 % below 0.1, %2 % above 0.9 (batch %3 of epoch %4)</source>
        <translation>%1 % 低于 0.1，%2 % 高于 0.9（第 %4 轮的第 %3 批）</translation>
    </message>
    <message>
        <source>  ·  epoch %1, batch %2 of %3</source>
        <translation>  ·  第 %1 轮，第 %2 / %3 批</translation>
    </message>
    <message>
        <source>  ·  reconstruction error %1</source>
        <translation>  ·  重构误差 %1</translation>
    </message>
    <message>
        <source>  ·  PLL %1</source>
        <translation>  ·  伪对数似然 %1</translation>
    </message>
    <message>
        <source>  ·  diverged</source>
        <translation>  ·  已发散</translation>
    </message>
    <message>
        <source>Filters W[:, j], units 0–%1 of %2</source>
        <translation>滤波器 W[:, j]，共 %2 个单元中的 0–%1</translation>
    </message>
    <message>
        <source>Filters W[:, j] of the %1 hidden units</source>
        <translation>%1 个隐单元的滤波器 W[:, j]</translation>
    </message>
    <message>
        <source> · blue −, red +, each on its own symmetric range</source>
        <translation> · 蓝 −，红 +，各自使用对称的取值范围</translation>
    </message>
    <message>
        <source>painted</source>
        <translation>手绘</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>p(v|h), current weights</source>
        <translation>p(v|h)，当前权重</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>p(v | h) after %1 Gibbs steps from %2</source>
        <translation>p(v | h)：%2，经过 %1 步 Gibbs 采样</translation>
    </message>
    <message>
        <source>t = %1</source>
        <translation>t = %1</translation>
    </message>
    <message>
        <source>the chain at step %1</source>
        <translation>第 %1 步时的链</translation>
    </message>
    <message>
        <source>every %1th state (the last %2)</source>
        <translation>每隔 %1 个状态（最后 %2 个）</translation>
    </message>
</context>
<context>
    <name>latentlab::ui</name>
    <message>
        <source>log(1 − D)</source>
        <translation>log(1 − D)</translation>
    </message>
    <message>
        <source>−log D</source>
        <translation>−log D</translation>
    </message>
    <message>
        <source>½(D − 1)²</source>
        <translation>½(D − 1)²</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::CriteriaChart</name>
    <message>
        <source>minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>AIC and BIC: computing…</source>
        <translation>AIC 和 BIC：计算中…</translation>
    </message>
    <message>
        <source>AIC and BIC for K = 1..8: lower is better</source>
        <translation>K = 1..8 的 AIC 和 BIC：越低越好</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::DdpmFormulaPanel</name>
    <message>
        <source>Denoising diffusion probabilistic model</source>
        <translation>去噪扩散概率模型</translation>
    </message>
    <message>
        <source>schedule: β&lt;sub&gt;t&lt;/sub&gt; = %1 constant, T = %2 (lecture: 0.01, T = 1000)</source>
        <translation>调度：β&lt;sub&gt;t&lt;/sub&gt; = %1 常数，T = %2（讲义：0.01，T = 1000）</translation>
    </message>
    <message>
        <source>schedule: β&lt;sub&gt;t&lt;/sub&gt; linear from 10&lt;sup&gt;−4&lt;/sup&gt; to 0.02 (for T = 1000), T = %1 </source>
        <translation>调度：β&lt;sub&gt;t&lt;/sub&gt; 从 10&lt;sup&gt;−4&lt;/sup&gt; 线性增至 0.02（T = 1000 时），T = %1 </translation>
    </message>
    <message>
        <source>— Ho et al. 2020; beyond the lecture</source>
        <translation>— Ho et al. 2020；超出讲义</translation>
    </message>
    <message>
        <source>schedule: cosine ᾱ&lt;sub&gt;t&lt;/sub&gt;, T = %1 </source>
        <translation>调度：余弦 ᾱ&lt;sub&gt;t&lt;/sub&gt;，T = %1 </translation>
    </message>
    <message>
        <source>— Nichol &amp;amp; Dhariwal 2021; beyond the lecture</source>
        <translation>— Nichol &amp;amp; Dhariwal 2021；超出讲义</translation>
    </message>
    <message>
        <source>&lt;u&gt;Forward process&lt;/u&gt; (fixed noising, no parameters):</source>
        <translation>&lt;u&gt;前向过程&lt;/u&gt;（固定的加噪，无参数）：</translation>
    </message>
    <message>
        <source>closed form, any t in one jump:</source>
        <translation>闭式解，一步跳到任意 t：</translation>
    </message>
    <message>
        <source>&lt;u&gt;Posterior&lt;/u&gt; of one step back, given x&lt;sub&gt;0&lt;/sub&gt;:</source>
        <translation>给定 x&lt;sub&gt;0&lt;/sub&gt; 时后退一步的&lt;u&gt;后验&lt;/u&gt;：</translation>
    </message>
    <message>
        <source>for t ≥ 20 the mean is mostly x&lt;sub&gt;t&lt;/sub&gt; (β = 0.01, 003:6195)</source>
        <translation>t ≥ 20 时均值主要是 x&lt;sub&gt;t&lt;/sub&gt;（β = 0.01，003:6195）</translation>
    </message>
    <message>
        <source>&lt;u&gt;Algorithm 1&lt;/u&gt;, training (one step = one mini-batch):</source>
        <translation>&lt;u&gt;算法 1&lt;/u&gt;，训练（一步 = 一个小批量）：</translation>
    </message>
    <message>
        <source>gradient step to &lt;i&gt;minimise&lt;/i&gt;</source>
        <translation>梯度步，&lt;i&gt;最小化&lt;/i&gt;</translation>
    </message>
    <message>
        <source>weighted by the bound&apos;s own</source>
        <translation>按变分下界自身的权重</translation>
    </message>
    <message>
        <source>(Ho et al. eq. 12; the lecture&apos;s 003:6321 lacks the ½)</source>
        <translation>（Ho et al. 式 12；讲义 003:6321 缺少 ½）</translation>
    </message>
    <message>
        <source>erratum: 003:6330 says “maximise”</source>
        <translation>勘误：003:6330 写的是“最大化”</translation>
    </message>
    <message>
        <source>(erratum: 003:6033 adds β̃&lt;sub&gt;t&lt;/sub&gt; z, its own Algorithm 2 √β̃&lt;sub&gt;t&lt;/sub&gt; z)</source>
        <translation>（勘误：003:6033 加的是 β̃&lt;sub&gt;t&lt;/sub&gt; z，而讲义自己的算法 2 是 √β̃&lt;sub&gt;t&lt;/sub&gt; z）</translation>
    </message>
    <message>
        <source>— Ho et al. §3.2; beyond the lecture</source>
        <translation>— Ho et al. §3.2；超出讲义</translation>
    </message>
    <message>
        <source>&lt;u&gt;Algorithm 2&lt;/u&gt;, sampling (one step = t → t − 1):</source>
        <translation>&lt;u&gt;算法 2&lt;/u&gt;，采样（一步 = t → t − 1）：</translation>
    </message>
    <message>
        <source>&lt;u&gt;DDIM&lt;/u&gt;, %1 of the T steps </source>
        <translation>&lt;u&gt;DDIM&lt;/u&gt;，T 步中取 %1 步 </translation>
    </message>
    <message>
        <source>— Song et al. 2021; beyond the lecture</source>
        <translation>— Song et al. 2021；超出讲义</translation>
    </message>
    <message>
        <source>s: the next of the chosen steps below t; η = %1 (0: deterministic)</source>
        <translation>s：所选步中低于 t 的下一步；η = %1（0：确定性）</translation>
    </message>
    <message>
        <source>lecture 003:5897-6375 (forward 5955, 6128-6134; posterior 6178-6206; Algorithm 1 6346; Algorithm 2 6362-6370); Ho, Jain &amp;amp; Abbeel 2020</source>
        <translation>讲义 003:5897-6375（前向 5955、6128-6134；后验 6178-6206；算法 1 6346；算法 2 6362-6370）；Ho, Jain &amp;amp; Abbeel 2020</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::DdpmLossChart</name>
    <message>
        <source>Training loss ‖ε − ε&lt;sub&gt;θ&lt;/sub&gt;‖² / d per step</source>
        <translation>每步的训练损失 ‖ε − ε&lt;sub&gt;θ&lt;/sub&gt;‖² / d</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>training step (mini-batch)</source>
        <translation>训练步（小批量）</translation>
    </message>
    <message>
        <source>ε&lt;sub&gt;θ&lt;/sub&gt; = 0 (loss 1)</source>
        <translation>ε&lt;sub&gt;θ&lt;/sub&gt; = 0（损失 1）</translation>
    </message>
    <message>
        <source>Loss by timestep t (per tenth of 1…T)</source>
        <translation>按时间步 t 的损失（1…T 每十分之一）</translation>
    </message>
    <message>
        <source>mean loss over the bar&apos;s t</source>
        <translation>该柱所含 t 的平均损失</translation>
    </message>
    <message>
        <source>timestep t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>t = %1: mean loss %2</source>
        <translation>t = %1：平均损失 %2</translation>
    </message>
    <message>
        <source>simple loss</source>
        <translation>简单损失</translation>
    </message>
    <message>
        <source>%1 training steps before loading</source>
        <translation>加载前已训练 %1 步</translation>
    </message>
    <message>
        <source>Loss by timestep t (loaded model)</source>
        <translation>按时间步 t 的损失（已加载的模型）</translation>
    </message>
    <message>
        <source>A model file keeps the trained networks, not their loss curve.</source>
        <translation>模型文件保存训练好的网络，不保存其损失曲线。</translation>
    </message>
    <message>
        <source>The loaded EMA network&apos;s loss on about 2000 data rows noised at every t (training steps from here on replace it with running means).</source>
        <translation>已加载的 EMA 网络在约 2000 个、于每个 t 加噪的数据行上的损失（此后的训练步会改用滑动平均替换它）。</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::DdpmSceneBuilder</name>
    <message>
        <source>DDIM chain</source>
        <translation>DDIM 链</translation>
    </message>
    <message>
        <source>Reverse chain</source>
        <translation>逆向链</translation>
    </message>
    <message>
        <source>%1 · t = %2 of %3</source>
        <translation>%1 · t = %2 / %3</translation>
    </message>
    <message>
        <source>%1 · x₀: the samples</source>
        <translation>%1 · x₀：样本</translation>
    </message>
    <message>
        <source>Training step %1 of %2</source>
        <translation>训练步 %1 / %2</translation>
    </message>
    <message>
        <source> · loss %1</source>
        <translation> · 损失 %1</translation>
    </message>
    <message>
        <source>−ε_θ(x, t = %1) ∝ score ∇log p_t</source>
        <translation>−ε_θ(x, t = %1) ∝ 得分 ∇log p_t</translation>
    </message>
    <message>
        <source>training data x₀</source>
        <translation>训练数据 x₀</translation>
    </message>
    <message>
        <source>paths of %1 points from x_T</source>
        <translation>%1 个点从 x_T 起的路径</translation>
    </message>
    <message>
        <source>chain points x_t</source>
        <translation>链上的点 x_t</translation>
    </message>
    <message>
        <source>preview samples (step %1)</source>
        <translation>预览样本（第 %1 步）</translation>
    </message>
    <message>
        <source>q(x_t | x₀) at t = %1:  √ᾱ_t = %2 signal, √(1 − ᾱ_t) = %3 noise</source>
        <translation>t = %1 时的 q(x_t | x₀)：信号 √ᾱ_t = %2，噪声 √(1 − ᾱ_t) = %3</translation>
    </message>
    <message>
        <source>data image %1, noised</source>
        <translation>数据图像 %1，加噪后</translation>
    </message>
    <message>
        <source>t = %1</source>
        <translation>t = %1</translation>
    </message>
    <message>
        <source>noising q(x_t | x₀) →</source>
        <translation>加噪 q(x_t | x₀) →</translation>
    </message>
    <message>
        <source>← denoising: the reverse chain p_θ(x_t−1 | x_t)</source>
        <translation>← 去噪：逆向链 p_θ(x_t−1 | x_t)</translation>
    </message>
    <message>
        <source>← denoising: the reverse chain runs after training</source>
        <translation>← 去噪：逆向链在训练后运行</translation>
    </message>
    <message>
        <source>Forward process and reverse chain at the same timesteps</source>
        <translation>相同时间步上的前向过程与逆向链</translation>
    </message>
    <message>
        <source> · preview samples appear every few hundred steps</source>
        <translation> · 每隔几百步出现预览样本</translation>
    </message>
    <message>
        <source> · preview samples (step %1)</source>
        <translation> · 预览样本（第 %1 步）</translation>
    </message>
    <message>
        <source>chain image %1 at this t</source>
        <translation>此 t 时链上的图像 %1</translation>
    </message>
    <message>
        <source>preview sample %1</source>
        <translation>预览样本 %1</translation>
    </message>
    <message>
        <source>chain %1 at t = %2</source>
        <translation>链 %1，t = %2</translation>
    </message>
    <message>
        <source>not reached yet</source>
        <translation>尚未到达</translation>
    </message>
    <message>
        <source>Denoising x_T → x₀, %1 chains</source>
        <translation>去噪 x_T → x₀，%1 条链</translation>
    </message>
    <message>
        <source>Denoising x_T → x₀: the reverse chain runs after training</source>
        <translation>去噪 x_T → x₀：逆向链在训练后运行</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::DdpmScheduleChart</name>
    <message>
        <source>Noise of one step</source>
        <translation>单步噪声</translation>
    </message>
    <message>
        <source>Posterior mean μ̃&lt;sub&gt;t&lt;/sub&gt; = c&lt;sub&gt;1&lt;/sub&gt;x&lt;sub&gt;0&lt;/sub&gt; + c&lt;sub&gt;2&lt;/sub&gt;x&lt;sub&gt;t&lt;/sub&gt;</source>
        <translation>后验均值 μ̃&lt;sub&gt;t&lt;/sub&gt; = c&lt;sub&gt;1&lt;/sub&gt;x&lt;sub&gt;0&lt;/sub&gt; + c&lt;sub&gt;2&lt;/sub&gt;x&lt;sub&gt;t&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>signal √ᾱ&lt;sub&gt;t&lt;/sub&gt;</source>
        <translation>信号 √ᾱ&lt;sub&gt;t&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>noise √(1 − ᾱ&lt;sub&gt;t&lt;/sub&gt;)</source>
        <translation>噪声 √(1 − ᾱ&lt;sub&gt;t&lt;/sub&gt;)</translation>
    </message>
    <message>
        <source>β&lt;sub&gt;t&lt;/sub&gt; forward</source>
        <translation>β&lt;sub&gt;t&lt;/sub&gt; 前向</translation>
    </message>
    <message>
        <source>β̃&lt;sub&gt;t&lt;/sub&gt; posterior</source>
        <translation>β̃&lt;sub&gt;t&lt;/sub&gt; 后验</translation>
    </message>
    <message>
        <source>c&lt;sub&gt;1&lt;/sub&gt; (x&lt;sub&gt;0&lt;/sub&gt;)</source>
        <translation>c&lt;sub&gt;1&lt;/sub&gt; (x&lt;sub&gt;0&lt;/sub&gt;)</translation>
    </message>
    <message>
        <source>c&lt;sub&gt;2&lt;/sub&gt; (x&lt;sub&gt;t&lt;/sub&gt;)</source>
        <translation>c&lt;sub&gt;2&lt;/sub&gt; (x&lt;sub&gt;t&lt;/sub&gt;)</translation>
    </message>
    <message>
        <source>current t</source>
        <translation>当前 t</translation>
    </message>
    <message>
        <source>timestep t (log scale)</source>
        <translation>时间步 t（对数刻度）</translation>
    </message>
    <message>
        <source>timestep t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>&lt;b&gt;t = %1&lt;/b&gt;: ᾱ&lt;sub&gt;t&lt;/sub&gt; = %2 (signal %3, noise %4); β&lt;sub&gt;t&lt;/sub&gt; = %5, β̃&lt;sub&gt;t&lt;/sub&gt; = %6; μ̃&lt;sub&gt;t&lt;/sub&gt; = %7·x&lt;sub&gt;0&lt;/sub&gt; + %8·x&lt;sub&gt;t&lt;/sub&gt;.</source>
        <translation>&lt;b&gt;t = %1&lt;/b&gt;：ᾱ&lt;sub&gt;t&lt;/sub&gt; = %2（信号 %3，噪声 %4）；β&lt;sub&gt;t&lt;/sub&gt; = %5，β̃&lt;sub&gt;t&lt;/sub&gt; = %6；μ̃&lt;sub&gt;t&lt;/sub&gt; = %7·x&lt;sub&gt;0&lt;/sub&gt; + %8·x&lt;sub&gt;t&lt;/sub&gt;。</translation>
    </message>
    <message>
        <source>From t = %1 on the weight of x&lt;sub&gt;0&lt;/sub&gt; stays below %2: the posterior mean is mostly x&lt;sub&gt;t&lt;/sub&gt; (lecture 003:6195: t ≥ 20 for β = 0.01).</source>
        <translation>从 t = %1 起 x&lt;sub&gt;0&lt;/sub&gt; 的权重低于 %2：后验均值主要是 x&lt;sub&gt;t&lt;/sub&gt;（讲义 003:6195：β = 0.01 时 t ≥ 20）。</translation>
    </message>
    <message>
        <source>Logarithmic β axis</source>
        <translation>对数 β 轴</translation>
    </message>
    <message>
        <source>Logarithmic t axis for the coefficients</source>
        <translation>系数使用对数 t 轴</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ElbowChart</name>
    <message>
        <source>best J</source>
        <translation>最优 J</translation>
    </message>
    <message>
        <source>current K</source>
        <translation>当前 K</translation>
    </message>
    <message>
        <source>K (clusters)</source>
        <translation>K（簇数）</translation>
    </message>
    <message>
        <source>best J over restarts</source>
        <translation>多次重启中的最优 J</translation>
    </message>
    <message>
        <source>Elbow: computing…</source>
        <translation>肘部法：计算中…</translation>
    </message>
    <message>
        <source>Elbow: best J for each K</source>
        <translation>肘部法：每个 K 的最优 J</translation>
    </message>
    <message>
        <source>Computing J for K = 1..10…</source>
        <translation>正在计算 K = 1..10 的 J…</translation>
    </message>
    <message>
        <source>Press &apos;Elbow&apos; (E) to compute J for K = 1..10</source>
        <translation>按“肘部法”（E）计算 K = 1..10 的 J</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::EmBoundPanel</name>
    <message>
        <source>One half-step: the E-step builds the bound at θₜ, the M-step jumps to its maximum</source>
        <translation>走半步：E 步在 θₜ 处构造下界，M 步跳到下界的最大值</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>One half-step a second until θ stops moving</source>
        <translation>每秒走半步，直到 θ 不再移动</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Start again from θ₀</source>
        <translation>从 θ₀ 重新开始</translation>
    </message>
    <message>
        <source>Where EM starts; θ₀ = 0.5 climbs to the global maximum, θ₀ = −1 to the local one</source>
        <translation>EM 的起点；θ₀ = 0.5 爬到全局最大值，θ₀ = −1 爬到局部最大值</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>导出图形…</translation>
    </message>
    <message>
        <source>Click the plot to start from the θ under the mouse.</source>
        <translation>点击图形，从鼠标所在的 θ 开始。</translation>
    </message>
    <message>
        <source>θ₀</source>
        <translation>θ₀</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>M-step ▸</source>
        <translation>M 步 ▸</translation>
    </message>
    <message>
        <source>E-step ▸</source>
        <translation>E 步 ▸</translation>
    </message>
    <message>
        <source>Export the EM lower-bound figure</source>
        <translation>导出 EM 下界图</translation>
    </message>
    <message>
        <source>PNG (*.png);;SVG (*.svg);;PDF (*.pdf)</source>
        <translation>PNG (*.png);;SVG (*.svg);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::EpochChart</name>
    <message>
        <source>Measured at the end of every epoch: nothing yet</source>
        <translation>每轮结束时测量：尚无数据</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ExportDialog</name>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>auto (dpi / 96)</source>
        <translation>自动（dpi / 96）</translation>
    </message>
    <message>
        <source>Multiplies text and marker sizes; auto keeps them the size they have on screen when the figure is shown at its physical size</source>
        <translation>按倍数放大文字和标记；“自动”使图形按物理尺寸显示时与屏幕上大小一致</translation>
    </message>
    <message>
        <source>Font scale</source>
        <translation>字号缩放</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Transparent background (PNG)</source>
        <translation>透明背景（PNG）</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>图注</translation>
    </message>
    <message>
        <source>Algorithm, data, parameters, seed and iteration: how to make this figure again</source>
        <translation>算法、数据、参数、种子和迭代次数：据此可以重新生成这张图</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <source>= %1 × %2 in</source>
        <translation>= %1 × %2 英寸</translation>
    </message>
    <message>
        <source>%1: cannot write the file</source>
        <translation>%1：无法写入文件</translation>
    </message>
    <message>
        <source>SVG (*.svg);;PDF (*.pdf);;PNG (*.png)</source>
        <translation>SVG (*.svg);;PDF (*.pdf);;PNG (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Axes</source>
        <translation>坐标轴</translation>
    </message>
    <message>
        <source>Axis lines, ticks, tick labels and axis titles</source>
        <translation>轴线、刻度、刻度标签和轴标题</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::FormulaPanel</name>
    <message>
        <source>Soft k-means (β = %1)</source>
        <translation>软 k 均值（β = %1）</translation>
    </message>
    <message>
        <source>k-medians (L1 distance)</source>
        <translation>k 中位数（L1 距离）</translation>
    </message>
    <message>
        <source>Spherical k-means (cosine distance)</source>
        <translation>球面 k 均值（余弦距离）</translation>
    </message>
    <message>
        <source>k-means (squared L2 distance)</source>
        <translation>k 均值（L2 距离的平方）</translation>
    </message>
    <message>
        <source>&lt;u&gt;Objective&lt;/u&gt; (never increases):</source>
        <translation>&lt;u&gt;目标函数&lt;/u&gt;（从不增加）：</translation>
    </message>
    <message>
        <source>Soft mode records the free energy</source>
        <translation>软模式记录自由能</translation>
    </message>
    <message>
        <source>&lt;u&gt;1. Assign&lt;/u&gt; each point:</source>
        <translation>&lt;u&gt;1. 分配&lt;/u&gt;每个点：</translation>
    </message>
    <message>
        <source>large β → hard k-means</source>
        <translation>β 很大 → 硬 k 均值</translation>
    </message>
    <message>
        <source>soft k-means is defined for L2 only</source>
        <translation>软 k 均值只对 L2 距离定义</translation>
    </message>
    <message>
        <source>%1 = 1 if &lt;i&gt;k&lt;/i&gt; = argmin&lt;sub&gt;j&lt;/sub&gt; dist(%2, %3),</source>
        <translation>若 &lt;i&gt;k&lt;/i&gt; = argmin&lt;sub&gt;j&lt;/sub&gt; dist(%2, %3)，则 %1 = 1，</translation>
    </message>
    <message>
        <source>else 0</source>
        <translation>否则为 0</translation>
    </message>
    <message>
        <source>(each point joins its nearest centre)</source>
        <translation>（每个点归入最近的中心）</translation>
    </message>
    <message>
        <source>&lt;u&gt;2. Update&lt;/u&gt; each centre:</source>
        <translation>&lt;u&gt;2. 更新&lt;/u&gt;每个中心：</translation>
    </message>
    <message>
        <source>(responsibility-weighted mean)</source>
        <translation>（按责任度加权的均值）</translation>
    </message>
    <message>
        <source>(the mean of cluster k)</source>
        <translation>（簇 k 的均值）</translation>
    </message>
    <message>
        <source>per feature (k-medians): the mean is optimal only for squared L2; the median minimises Σ|x − μ|</source>
        <translation>逐特征计算（k 中位数）：均值只对 L2 距离平方最优；中位数使 Σ|x − μ| 最小</translation>
    </message>
    <message>
        <source>(normalised mean of the normalised points: spherical k-means)</source>
        <translation>（归一化点的均值再归一化：球面 k 均值）</translation>
    </message>
    <message>
        <source>converged: F changed by less than tol·|F|</source>
        <translation>已收敛：F 的变化小于 tol·|F|</translation>
    </message>
    <message>
        <source>converged: no point changed cluster</source>
        <translation>已收敛：没有点改变所属的簇</translation>
    </message>
    <message>
        <source>&lt;u&gt;0.&lt;/u&gt; pick seeds</source>
        <translation>&lt;u&gt;0.&lt;/u&gt; 选取种子</translation>
    </message>
    <message>
        <source>Repeat 1–2 until</source>
        <translation>重复 1–2，直到</translation>
    </message>
    <message>
        <source>lecture 000:230-242, 003:3605-3617, 003:3658-3675</source>
        <translation>讲义 000:230-242, 003:3605-3617, 003:3658-3675</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::GanCurveChart</name>
    <message>
        <source>iteration (k D steps + 1 G step)</source>
        <translation>迭代（k 次 D 更新 + 1 次 G 更新）</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::GanFormulaPanel</name>
    <message>
        <source>Generative adversarial network</source>
        <translation>生成对抗网络</translation>
    </message>
    <message>
        <source>&lt;u&gt;Value&lt;/u&gt; of the two-player game:</source>
        <translation>双人博弈的&lt;u&gt;价值函数&lt;/u&gt;：</translation>
    </message>
    <message>
        <source>optimum: D*(x) = p&lt;sub&gt;data&lt;/sub&gt; / (p&lt;sub&gt;data&lt;/sub&gt; + p&lt;sub&gt;G&lt;/sub&gt;); at equilibrium D = ½ and J = −log 4</source>
        <translation>最优：D*(x) = p&lt;sub&gt;data&lt;/sub&gt; / (p&lt;sub&gt;data&lt;/sub&gt; + p&lt;sub&gt;G&lt;/sub&gt;)；均衡时 D = ½，J = −log 4</translation>
    </message>
    <message>
        <source>&lt;u&gt;Discriminator step&lt;/u&gt; (%1 per iteration): ascend J, i.e. minimise the cross-entropy with real → 1, generated → 0:</source>
        <translation>&lt;u&gt;判别器更新&lt;/u&gt;（每次迭代 %1 次）：沿 J 上升，即最小化交叉熵，真实 → 1，生成 → 0：</translation>
    </message>
    <message>
        <source> (on D&apos;s raw output; beyond the lecture)</source>
        <translation>（作用于 D 的原始输出；超出讲义范围）</translation>
    </message>
    <message>
        <source>&lt;u&gt;Generator step&lt;/u&gt; (then the next iteration): the gradient flows through D into x = G(z):</source>
        <translation>&lt;u&gt;生成器更新&lt;/u&gt;（随后进入下一次迭代）：梯度穿过 D 回传到 x = G(z)：</translation>
    </message>
    <message>
        <source> — the lecture&apos;s J; saturates while D wins</source>
        <translation> —— 讲义中的 J；D 占优时会饱和</translation>
    </message>
    <message>
        <source> — non-saturating (beyond the lecture)</source>
        <translation> —— 非饱和（超出讲义范围）</translation>
    </message>
    <message>
        <source> — least squares (beyond the lecture)</source>
        <translation> —— 最小二乘（超出讲义范围）</translation>
    </message>
    <message>
        <source>lecture 000:811-1079, 004:1869-2127; Goodfellow et al. 2014; Mao et al. 2017</source>
        <translation>讲义 000:811-1079, 004:1869-2127；Goodfellow 等 2014；Mao 等 2017</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::GanSceneBuilder</name>
    <message>
        <source>G(z_%1): generated from fixed drawing noise z_%1</source>
        <translation>G(z_%1)：由固定的绘图噪声 z_%1 生成</translation>
    </message>
    <message>
        <source>D step %1 of %2</source>
        <translation>D 更新 %1 / %2</translation>
    </message>
    <message>
        <source>D step</source>
        <translation>D 更新</translation>
    </message>
    <message>
        <source>G step</source>
        <translation>G 更新</translation>
    </message>
    <message>
        <source>random G and D</source>
        <translation>随机初始化的 G 和 D</translation>
    </message>
    <message>
        <source>Iteration %1 · %2</source>
        <translation>第 %1 次迭代 · %2</translation>
    </message>
    <message>
        <source>D(x): 0 fake … 1 real</source>
        <translation>D(x)：0 生成 … 1 真实</translation>
    </message>
    <message>
        <source>G(z) for z on a line (the manifold)</source>
        <translation>z 在一条直线上时的 G(z)（流形）</translation>
    </message>
    <message>
        <source>G(z grid): the manifold</source>
        <translation>G(z 网格)：流形</translation>
    </message>
    <message>
        <source>real data</source>
        <translation>真实数据</translation>
    </message>
    <message>
        <source>generated G(z)</source>
        <translation>生成的 G(z)</translation>
    </message>
    <message>
        <source>−∂ℓ/∂x, ℓ = %1</source>
        <translation>−∂ℓ/∂x，ℓ = %1</translation>
    </message>
    <message>
        <source>D(x); densities scaled to p_data&apos;s peak = 1</source>
        <translation>D(x)；密度按 p_data 峰值 = 1 缩放</translation>
    </message>
    <message>
        <source>p_data (real)</source>
        <translation>p_data（真实）</translation>
    </message>
    <message>
        <source>p_G (generated)</source>
        <translation>p_G（生成）</translation>
    </message>
    <message>
        <source>D(x)</source>
        <translation>D(x)</translation>
    </message>
    <message>
        <source>D*(x) = p_data / (p_data + p_G)</source>
        <translation>D*(x) = p_data / (p_data + p_G)</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::GlCanvas</name>
    <message>
        <source>OpenGL shaders failed to build: %1</source>
        <translation>OpenGL 着色器构建失败：%1</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::GmmFormulaPanel</name>
    <message>
        <source>Gaussian mixture, EM</source>
        <translation>高斯混合模型，EM</translation>
    </message>
    <message>
        <source>&lt;u&gt;Log-likelihood&lt;/u&gt; (never decreases):</source>
        <translation>&lt;u&gt;对数似然&lt;/u&gt;（从不减少）：</translation>
    </message>
    <message>
        <source>&lt;u&gt;0.&lt;/u&gt; initialise π, μ, Σ</source>
        <translation>&lt;u&gt;0.&lt;/u&gt; 初始化 π, μ, Σ</translation>
    </message>
    <message>
        <source>&lt;u&gt;E-step&lt;/u&gt; responsibilities:</source>
        <translation>&lt;u&gt;E 步&lt;/u&gt; 责任度：</translation>
    </message>
    <message>
        <source>%1 = 1 if k = argmax&lt;sub&gt;j&lt;/sub&gt; π&lt;sub&gt;j&lt;/sub&gt; 𝒩(&lt;i&gt;x&lt;/i&gt;&lt;sub&gt;n&lt;/sub&gt; | μ&lt;sub&gt;j&lt;/sub&gt;, Σ&lt;sub&gt;j&lt;/sub&gt;)</source>
        <translation>若 k = argmax&lt;sub&gt;j&lt;/sub&gt; π&lt;sub&gt;j&lt;/sub&gt; 𝒩(&lt;i&gt;x&lt;/i&gt;&lt;sub&gt;n&lt;/sub&gt; | μ&lt;sub&gt;j&lt;/sub&gt;, Σ&lt;sub&gt;j&lt;/sub&gt;)，则 %1 = 1</translation>
    </message>
    <message>
        <source>(hard EM: one-hot, as k-means&apos; assignment)</source>
        <translation>（硬 EM：独热，与 k 均值的分配相同）</translation>
    </message>
    <message>
        <source>&lt;u&gt;M-step&lt;/u&gt; with N&lt;sub&gt;k&lt;/sub&gt; = Σ&lt;sub&gt;n&lt;/sub&gt; γ&lt;sub&gt;nk&lt;/sub&gt;:</source>
        <translation>&lt;u&gt;M 步&lt;/u&gt;，其中 N&lt;sub&gt;k&lt;/sub&gt; = Σ&lt;sub&gt;n&lt;/sub&gt; γ&lt;sub&gt;nk&lt;/sub&gt;：</translation>
    </message>
    <message>
        <source>Σ&lt;sub&gt;k&lt;/sub&gt; = diag of Σ&lt;sub&gt;n&lt;/sub&gt; %1 %2 / N&lt;sub&gt;k&lt;/sub&gt;</source>
        <translation>Σ&lt;sub&gt;k&lt;/sub&gt; = Σ&lt;sub&gt;n&lt;/sub&gt; %1 %2 / N&lt;sub&gt;k&lt;/sub&gt; 的对角部分</translation>
    </message>
    <message>
        <source>Σ&lt;sub&gt;k&lt;/sub&gt; = σ&lt;sub&gt;k&lt;/sub&gt;² I, σ&lt;sub&gt;k&lt;/sub&gt;² = mean of that diagonal</source>
        <translation>Σ&lt;sub&gt;k&lt;/sub&gt; = σ&lt;sub&gt;k&lt;/sub&gt;² I，σ&lt;sub&gt;k&lt;/sub&gt;² = 该对角线的均值</translation>
    </message>
    <message>
        <source>Σ = Σ&lt;sub&gt;k&lt;/sub&gt; Σ&lt;sub&gt;n&lt;/sub&gt; %1 %2 / N (one for all)</source>
        <translation>Σ = Σ&lt;sub&gt;k&lt;/sub&gt; Σ&lt;sub&gt;n&lt;/sub&gt; %1 %2 / N（所有分量共用）</translation>
    </message>
    <message>
        <source>+ %1 · I (regulariser)</source>
        <translation>+ %1 · I（正则项）</translation>
    </message>
    <message>
        <source>Repeat until the mean log-likelihood gains less than tol</source>
        <translation>重复，直到平均对数似然的增量小于 tol</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>lecture 000:588-621, 003:5504-5836</source>
        <translation>讲义 000:588-621, 003:5504-5836</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::GmmWeightsChart</name>
    <message>
        <source>Mixing weights π_k = N_k / N after the last M-step; the dashed line is 1/K</source>
        <translation>上一次 M 步后的混合权重 π_k = N_k / N；虚线为 1/K</translation>
    </message>
    <message>
        <source>Weights πₖ = Nₖ / N</source>
        <translation>权重 πₖ = Nₖ / N</translation>
    </message>
    <message>
        <source>no weights yet</source>
        <translation>尚无权重</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::HistogramChart</name>
    <message>
        <source>No mini-batch yet</source>
        <translation>尚无小批量</translation>
    </message>
    <message>
        <source>p(h_j = 1 | v) — share of (unit, sample) pairs per bin</source>
        <translation>p(h_j = 1 | v)——每个区间中（单元, 样本）对所占的比例</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ObjectiveChart</name>
    <message>
        <source>Objective J per half-step</source>
        <translation>每半步的目标函数 J</translation>
    </message>
    <message>
        <source>J</source>
        <translation>J</translation>
    </message>
    <message>
        <source>shown state</source>
        <translation>当前显示的状态</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::PcaFormulaPanel</name>
    <message>
        <source>Principal component analysis</source>
        <translation>主成分分析</translation>
    </message>
    <message>
        <source>&lt;u&gt;Covariance&lt;/u&gt; of the centred data:</source>
        <translation>中心化数据的&lt;u&gt;协方差&lt;/u&gt;：</translation>
    </message>
    <message>
        <source>&lt;u&gt;Variance along&lt;/u&gt; a unit u: uᵀSu, largest at the top eigenvector of S</source>
        <translation>&lt;u&gt;沿单位向量 u 的方差&lt;/u&gt;：uᵀSu，在 S 的最大特征向量处最大</translation>
    </message>
    <message>
        <source>&lt;u&gt;Power iteration&lt;/u&gt;:</source>
        <translation>&lt;u&gt;幂迭代&lt;/u&gt;：</translation>
    </message>
    <message>
        <source>(error shrinks by λ&lt;sub&gt;i+1&lt;/sub&gt;/λ&lt;sub&gt;i&lt;/sub&gt; per step)</source>
        <translation>（误差每步缩小为 λ&lt;sub&gt;i+1&lt;/sub&gt;/λ&lt;sub&gt;i&lt;/sub&gt; 倍）</translation>
    </message>
    <message>
        <source>&lt;u&gt;Oja&apos;s rule&lt;/u&gt; on a mini-batch:</source>
        <translation>小批量上的 &lt;u&gt;Oja 规则&lt;/u&gt;：</translation>
    </message>
    <message>
        <source>then u ← u / ‖u‖</source>
        <translation>然后 u ← u / ‖u‖</translation>
    </message>
    <message>
        <source>&lt;u&gt;Deflate&lt;/u&gt; for the next component:</source>
        <translation>为下一个主成分做&lt;u&gt;收缩&lt;/u&gt;：</translation>
    </message>
    <message>
        <source>&lt;u&gt;Reconstruction error&lt;/u&gt; with M components:</source>
        <translation>用 M 个主成分的&lt;u&gt;重构误差&lt;/u&gt;：</translation>
    </message>
    <message>
        <source>lecture 000:306-473, 003:3699-4050; Oja 1982</source>
        <translation>讲义 000:306-473, 003:3699-4050；Oja 1982</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::PolarVarianceChart</name>
    <message>
        <source>Drag to turn the direction u and read the variance uᵀSu along it</source>
        <translation>拖动以旋转方向 u，并读出沿它的方差 uᵀSu</translation>
    </message>
    <message>
        <source>Variance along u(φ) = (cos φ, sin φ): uᵀSu is largest along PC1</source>
        <translation>沿 u(φ) = (cos φ, sin φ) 的方差：uᵀSu 沿 PC1 最大</translation>
    </message>
    <message>
        <source>The polar plot is for data with two features.</source>
        <translation>极坐标图只适用于有两个特征的数据。</translation>
    </message>
    <message>
        <source>u at φ = %1:  uᵀSu = %2</source>
        <translation>u 位于 φ = %1：uᵀSu = %2</translation>
    </message>
    <message>
        <source>PC1 at φ = %1:  λ₁ = %2 (max)</source>
        <translation>PC1 位于 φ = %1：λ₁ = %2（最大）</translation>
    </message>
    <message>
        <source>PC2 at φ = %1:  λ₂ = %2 (min)</source>
        <translation>PC2 位于 φ = %1：λ₂ = %2（最小）</translation>
    </message>
    <message>
        <source>uᵀSu = λ₁cos²θ + λ₂sin²θ (θ: angle to PC1)</source>
        <translation>uᵀSu = λ₁cos²θ + λ₂sin²θ（θ：与 PC1 的夹角）</translation>
    </message>
    <message>
        <source>green: the algorithm&apos;s current u</source>
        <translation>绿色：算法当前的 u</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::RbmFormulaPanel</name>
    <message>
        <source>Restricted Boltzmann machine</source>
        <translation>受限玻尔兹曼机</translation>
    </message>
    <message>
        <source>&lt;u&gt;Energy&lt;/u&gt; of visible v and hidden h (binary):</source>
        <translation>可见层 v 与隐层 h（二值）的&lt;u&gt;能量&lt;/u&gt;：</translation>
    </message>
    <message>
        <source>start: W ~ N(0, 0.01²), b = 0</source>
        <translation>初始：W ~ N(0, 0.01²)，b = 0</translation>
    </message>
    <message>
        <source>&lt;u&gt;Conditionals&lt;/u&gt; (no links within a layer, so they factorise):</source>
        <translation>&lt;u&gt;条件分布&lt;/u&gt;（层内无连接，因此可以分解）：</translation>
    </message>
    <message>
        <source>&lt;u&gt;Free energy&lt;/u&gt;:</source>
        <translation>&lt;u&gt;自由能&lt;/u&gt;：</translation>
    </message>
    <message>
        <source>negative phase: the persistent chains, %1 Gibbs step(s) further per batch (PCD)</source>
        <translation>负相：持续链，每个批再走 %1 步 Gibbs 采样（PCD）</translation>
    </message>
    <message>
        <source>negative phase: %1 Gibbs step(s) v → h → v from the data (CD-%1)</source>
        <translation>负相：从数据出发做 %1 步 Gibbs 采样 v → h → v（CD-%1）</translation>
    </message>
    <message>
        <source>&lt;u&gt;Update&lt;/u&gt; per mini-batch:</source>
        <translation>每个小批量的&lt;u&gt;更新&lt;/u&gt;：</translation>
    </message>
    <message>
        <source>(plus momentum and weight decay)</source>
        <translation>（另加动量和权重衰减）</translation>
    </message>
    <message>
        <source>lecture 000:1120-1312, 001:330-420; Hinton 2002, Tieleman 2008</source>
        <translation>讲义 000:1120-1312, 001:330-420；Hinton 2002，Tieleman 2008</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::SceneView</name>
    <message>
        <source>the &apos;%1&apos; platform has no OpenGL windows</source>
        <translation>“%1”平台没有 OpenGL 窗口</translation>
    </message>
    <message>
        <source>no OpenGL context could be created</source>
        <translation>无法创建 OpenGL 上下文</translation>
    </message>
    <message>
        <source>the OpenGL context could not be made current</source>
        <translation>无法激活 OpenGL 上下文</translation>
    </message>
    <message>
        <source>QPainter chosen (--no-gl)</source>
        <translation>已选择 QPainter（--no-gl）</translation>
    </message>
    <message>
        <source>software OpenGL (%1) is slower here than QPainter; --gl forces it</source>
        <translation>软件 OpenGL（%1）在这里比 QPainter 慢；用 --gl 可强制使用</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ScreeChart</name>
    <message>
        <source>Drag (or use ← →) to choose how many components M to keep</source>
        <translation>拖动（或用 ← →）选择保留的主成分个数 M</translation>
    </message>
    <message>
        <source>Share of the variance per component (bars) and cumulative (line)</source>
        <translation>每个主成分所占方差比例（柱）及累计比例（线）</translation>
    </message>
    <message>
        <source>Reconstruction error E(M) = Σ λᵢ over i &gt; M = tr S − Σ λᵢ over i ≤ M</source>
        <translation>重构误差 E(M) = Σ_{i &gt; M} λᵢ = tr S − Σ_{i ≤ M} λᵢ</translation>
    </message>
    <message>
        <source>No components yet</source>
        <translation>尚无主成分</translation>
    </message>
    <message>
        <source>component / M (log scale)</source>
        <translation>主成分 / M（对数刻度）</translation>
    </message>
    <message>
        <source>component / M</source>
        <translation>主成分 / M</translation>
    </message>
    <message>
        <source>M = %1 keeps %2%</source>
        <translation>M = %1 保留 %2%</translation>
    </message>
    <message>
        <source>E(%1) = %2 (%3% of tr S)</source>
        <translation>E(%1) = %2（占 tr S 的 %3%）</translation>
    </message>
</context>
</TS>
