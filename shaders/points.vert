#version 120
// Point sprites for a PointBatch: positions in data units, colour by palette index.
attribute float a_x;
attribute float a_y;
attribute float a_color;   // palette index (unsigned byte, not normalised)
attribute vec4 a_rgba;     // per-point colour as bytes B, G, R, A (QRgb in memory), normalised
uniform vec4 u_map;        // data -> clip: (sx, sy, tx, ty)
uniform float u_pointSize; // diameter in device pixels
uniform vec4 u_palette[64];
uniform int u_paletteSize;
uniform bool u_direct;     // true: a_rgba, else the palette
varying vec4 v_color;
void main() {
    gl_Position = vec4(a_x * u_map.x + u_map.z, a_y * u_map.y + u_map.w, 0.0, 1.0);
    gl_PointSize = u_pointSize;
    if (u_direct) {
        v_color = a_rgba.zyxw;
    } else {
        int i = int(a_color + 0.5);
        if (i >= u_paletteSize) i = 0;
        v_color = u_palette[i];
    }
}
