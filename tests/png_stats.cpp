// png_stats: prints what a screenshot shows, for the gallery test (tests/e2e_gallery.sh): one line per PNG,
// "PATH WIDTH HEIGHT COLOURS CONTENT" where COLOURS is the number of distinct RGB colours (capped at 100000) and
// CONTENT the share (0..1) of pixels that differ from the most common colour (the background). Exit 1 when a file
// cannot be read.
#include <cstdio>
#include <unordered_map>

#include <stb_image.h>

int main(int argc, char** argv) {
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load(argv[i], &w, &h, &channels, 3);
    if (pixels == nullptr) {
      std::fprintf(stderr, "png_stats: cannot read %s: %s\n", argv[i], stbi_failure_reason());
      status = 1;
      continue;
    }
    std::unordered_map<unsigned, long long> counts;
    const long long n = static_cast<long long>(w) * h;
    for (long long p = 0; p < n; ++p) {
      const unsigned rgb = pixels[3 * p] << 16 | pixels[3 * p + 1] << 8 | pixels[3 * p + 2];
      if (counts.size() < 100000 || counts.count(rgb)) ++counts[rgb];
    }
    long long most = 0;
    for (const auto& [rgb, count] : counts) most = std::max(most, count);
    std::printf("%s %d %d %zu %.4f\n", argv[i], w, h, counts.size(), n > 0 ? 1.0 - double(most) / n : 0.0);
    stbi_image_free(pixels);
  }
  return status;
}
