// Tone mapping pass: ACES approximation.
Texture2D<float4> SceneColor : register(t0);
SamplerState LinearClamp : register(s0);

cbuffer Params : register(b0)
{
    float Exposure;
    float Gamma;
};

struct VSOut
{
    float4 Position : SV_Position;
    float2 UV : TEXCOORD0;
};

float3 ACESFilm(float3 x)
{
    const float a = 2.51f, b = 0.03f, c = 2.43f, d = 0.59f, e = 0.14f;
    return saturate((x * (a * x + b)) / (x * (c * x + d) + e));
}

float4 PSMain(VSOut input) : SV_Target
{
    float3 hdr = SceneColor.Sample(LinearClamp, input.UV).rgb * Exposure;
    float3 ldr = pow(ACESFilm(hdr), 1.0 / Gamma);
    return float4(ldr, 1.0);
}
