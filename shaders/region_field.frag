#version 120
// Voronoi cells of k-means: every pixel takes the colour of its nearest centre under the
// chosen metric (0 = squared L2, 1 = L1, 2 = cosine). The QPainter renderer evaluates the
// same rule (widgets/painter_renderer.cpp), so screen and exported figures agree.
varying vec2 v_data;
uniform vec2 u_centres[64];
uniform vec4 u_colors[64];
uniform int u_count;
uniform int u_metric;
uniform float u_opacity;
float dist(vec2 x, vec2 c) {
    if (u_metric == 1) return abs(x.x - c.x) + abs(x.y - c.y);
    if (u_metric == 2) {
        float nx = length(x), nc = length(c);
        if (nx == 0.0 || nc == 0.0) return 1.0;
        return 1.0 - dot(x, c) / (nx * nc);
    }
    vec2 d = x - c;
    return dot(d, d);
}
void main() {
    float best = 1e30;
    vec4 color = vec4(0.0);
    for (int k = 0; k < 64; ++k) {
        if (k >= u_count) break;
        float d = dist(v_data, u_centres[k]);
        if (d < best) {
            best = d;
            color = u_colors[k];
        }
    }
    gl_FragColor = vec4(color.rgb, color.a * u_opacity);
}
