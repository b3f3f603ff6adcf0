#include <cuda_runtime.h>

__global__ void saxpy(int n, float a, const float* __restrict__ x, float* y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    __shared__ float tile[256];
    if (i < n) y[i] = a * x[i] + y[i];
}

int main() {
    float *d_x, *d_y;
    cudaMalloc(&d_x, N * sizeof(float));
    saxpy<<<(N + 255) / 256, 256>>>(N, 2.0f, d_x, d_y);
    cudaDeviceSynchronize();
    return 0;
}
