#version 120
// A quad over the plot; each corner carries its data coordinates.
attribute vec2 a_clip;
attribute vec2 a_data;
varying vec2 v_data;
void main() {
    v_data = a_data;
    gl_Position = vec4(a_clip, 0.0, 1.0);
}
