#version 120
// A round, anti-aliased marker with an optional darker rim (readable on projectors).
varying vec4 v_color;
uniform float u_pointSize; // diameter in device pixels
uniform float u_outline;   // rim width as a fraction of the radius; 0 = none
uniform float u_opacity;
void main() {
    vec2 c = gl_PointCoord * 2.0 - 1.0;
    float r = length(c);
    float px = 2.0 / u_pointSize; // one device pixel in these units
    float alpha = 1.0 - smoothstep(1.0 - px, 1.0, r);
    if (alpha <= 0.0) discard;
    vec3 rgb = v_color.rgb;
    if (u_outline > 0.0) rgb = mix(rgb, rgb * 0.59, smoothstep(1.0 - u_outline - px, 1.0 - u_outline, r));
    gl_FragColor = vec4(rgb, alpha * u_opacity * v_color.a);
}
