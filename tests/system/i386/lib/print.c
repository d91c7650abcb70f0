/* Serial output of the test kernels: COM1 (0x3f8) polled, and a small
 * printf (%s %c %d %u %x, width and zero padding, %llx). */
#include "bm.h"

#define COM1 0x3f8

void bm_serial_init(void)
{
    outb(COM1 + 1, 0x00);       /* no interrupts */
    outb(COM1 + 3, 0x80);       /* DLAB */
    outb(COM1 + 0, 0x01);       /* 115200 baud */
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x03);       /* 8N1 */
    outb(COM1 + 2, 0x07);       /* FIFOs on and cleared */
    outb(COM1 + 4, 0x03);       /* DTR, RTS */
}

void bm_putc(char c)
{
    int spins = 100000;
    if (c == '\n')
        bm_putc('\r');
    while (!(inb(COM1 + 5) & 0x20) && --spins)
        ;
    outb(COM1, (uint8_t)c);
}

static void put_number(unsigned long long v, unsigned base, int width, char pad, int neg)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg)
        buf[n++] = '-';
    while (n < width--)
        bm_putc(pad);
    while (n)
        bm_putc(buf[--n]);
}

void bm_vprintf(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            bm_putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, longlong = 0;
        if (*fmt == '0')
            pad = '0';
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') {
            longlong++;
            fmt++;
        }
        switch (*fmt) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            while (*s)
                bm_putc(*s++);
            break;
        }
        case 'c':
            bm_putc((char)va_arg(ap, int));
            break;
        case 'd': {
            int v = va_arg(ap, int);
            put_number(v < 0 ? -(long long)v : v, 10, width, pad, v < 0);
            break;
        }
        case 'u':
            put_number(va_arg(ap, unsigned), 10, width, pad, 0);
            break;
        case 'x':
            if (longlong >= 2)
                put_number(va_arg(ap, unsigned long long), 16, width, pad, 0);
            else
                put_number(va_arg(ap, unsigned), 16, width, pad, 0);
            break;
        case '%':
            bm_putc('%');
            break;
        default:
            bm_putc('?');
            break;
        }
    }
}

void bm_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bm_vprintf(fmt, ap);
    va_end(ap);
}
