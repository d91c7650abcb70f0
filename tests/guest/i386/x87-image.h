/*
 * Printing an FSAVE image for the x87 guest tests (x87-runs*.c): CW SW TW
 * and the registers that are not empty (an empty one keeps whatever it
 * held before, which differs between machines); the pointer fields (FIP,
 * FDP, selectors) are left out. No newline.
 */
#include <stdint.h>
#include <stdio.h>

static void x87_print_image(const char *name, const uint8_t *img)
{
    int top = (img[5] >> 3) & 7, tw = img[8] | img[9] << 8;

    printf("%-24s cw %02x%02x sw %02x%02x tw %02x%02x", name, img[1], img[0],
           img[5], img[4], img[9], img[8]);
    for (int r = 0; r < 8; r++) {
        const uint8_t *p = img + 28 + 10 * r;
        if (((tw >> (2 * ((top + r) & 7))) & 3) == 3) {
            printf(" -");
            continue;
        }
        printf(" ");
        for (int i = 9; i >= 0; i--) {
            printf("%02x", p[i]);
        }
    }
}
