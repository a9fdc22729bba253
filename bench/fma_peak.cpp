// FP32 peak of one core: 12 independent FMA chains (AVX-512 and AVX2), best wall time of 3.
#include <immintrin.h>
#include <time.h>
#include <cstdio>
static double Cpu() { timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
#define BODY(V, FMA) V a0=x,a1=x,a2=x,a3=x,a4=x,a5=x,a6=x,a7=x,a8=x,a9=x,a10=x,a11=x; \
  for (long k = 0; k < n; ++k) { a0=FMA(a0,b,c);a1=FMA(a1,b,c);a2=FMA(a2,b,c);a3=FMA(a3,b,c);a4=FMA(a4,b,c);a5=FMA(a5,b,c); \
    a6=FMA(a6,b,c);a7=FMA(a7,b,c);a8=FMA(a8,b,c);a9=FMA(a9,b,c);a10=FMA(a10,b,c);a11=FMA(a11,b,c); } \
  V s = a0+a1+a2+a3+a4+a5+a6+a7+a8+a9+a10+a11;
__attribute__((target("avx512f"))) static float K512(long n) { __m512 x=_mm512_set1_ps(1.f), b=_mm512_set1_ps(0.999999f), c=_mm512_set1_ps(1e-7f); BODY(__m512,_mm512_fmadd_ps) return _mm512_reduce_add_ps(s); }
__attribute__((target("avx2,fma"))) static float K256(long n) { __m256 x=_mm256_set1_ps(1.f), b=_mm256_set1_ps(0.999999f), c=_mm256_set1_ps(1e-7f); BODY(__m256,_mm256_fmadd_ps) float t[8]; _mm256_storeu_ps(t,s); return t[0]; }
int main() {
  const long n = 100000000; double best512 = 0, best256 = 0; float sink = 0;
  for (int r = 0; r < 3; ++r) {
    if (__builtin_cpu_supports("avx512f")) { double t = Cpu(); sink += K512(n); t = Cpu() - t; if (n * 12.0 * 32 / t > best512) best512 = n * 12.0 * 32 / t; }
    if (__builtin_cpu_supports("fma")) { double t = Cpu(); sink += K256(n); t = Cpu() - t; if (n * 12.0 * 16 / t > best256) best256 = n * 12.0 * 16 / t; }
  }
  std::printf("avx512 %.1f avx2 %.1f (GFLOP/s per core) %g\n", best512 * 1e-9, best256 * 1e-9, sink * 0);
}
