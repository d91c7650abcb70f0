/*
 * A 16550A UART (TI PC16550D / NS16550A datasheet) on a Chardev: 16-byte
 * receive FIFO with trigger levels and character timeout, interrupt
 * identification by priority, divisor latch, loopback. Transmission is
 * immediate (no baud-rate pacing): THR and the shifter are empty again as
 * soon as a byte is written.
 */
#include <stdlib.h>

#include "exec/memory.h"
#include "hw/byte-ports.h"
#include "hw/char/serial.h"
#include "sysemu/timer.h"

#define UART_FIFO_SIZE 16
#define UART_CLOCK_BAUD 115200   /* 1.8432 MHz / 16 */

enum {
    IER_RDI = 0x01, IER_THRI = 0x02, IER_RLSI = 0x04, IER_MSI = 0x08,
    LSR_DR = 0x01, LSR_OE = 0x02, LSR_THRE = 0x20, LSR_TEMT = 0x40,
    LSR_ERRORS = 0x1e,
    MCR_LOOP = 0x10,
    LCR_DLAB = 0x80,
    FCR_ENABLE = 0x01,
    IIR_NONE = 0x01, IIR_MSI = 0x00, IIR_THRI = 0x02, IIR_RDI = 0x04,
    IIR_RLSI = 0x06, IIR_TIMEOUT = 0x0c, IIR_FIFO = 0xc0,
};

struct SerialState {
    uint8_t rx[UART_FIFO_SIZE];
    int rx_head, rx_count;
    uint8_t ier, lcr, mcr, lsr_errors, msr, scr, fcr;
    uint16_t divisor;
    bool thr_ipending;       /* THR empty interrupt, until IIR read or THR write */
    bool timeout_ipending;
    int level;
    IRQLine irq;
    Chardev *chr;
    Timer *timeout_timer;
};

static int uart_trigger_level(const SerialState *s)
{
    static const int levels[4] = { 1, 4, 8, 14 };
    return levels[s->fcr >> 6];
}

/* Interrupt identification, highest priority first (datasheet table
 * "Interrupt Control Functions"). */
static uint8_t uart_iir(const SerialState *s)
{
    uint8_t fifo = (s->fcr & FCR_ENABLE) ? IIR_FIFO : 0;
    bool rx_ready = (s->fcr & FCR_ENABLE) ? s->rx_count >= uart_trigger_level(s)
                                          : s->rx_count > 0;
    if ((s->ier & IER_RLSI) && s->lsr_errors) {
        return fifo | IIR_RLSI;
    }
    if ((s->ier & IER_RDI) && rx_ready) {
        return fifo | IIR_RDI;
    }
    if ((s->ier & IER_RDI) && s->timeout_ipending) {
        return fifo | IIR_TIMEOUT;
    }
    if ((s->ier & IER_THRI) && s->thr_ipending) {
        return fifo | IIR_THRI;
    }
    if ((s->ier & IER_MSI) && (s->msr & 0x0f)) {
        return fifo | IIR_MSI;
    }
    return fifo | IIR_NONE;
}

static void uart_update_irq(SerialState *s)
{
    int level = !(uart_iir(s) & IIR_NONE);
    if (level != s->level) {
        s->level = level;
        irq_set(&s->irq, level);
    }
}

/* Four character times at the programmed rate and frame format. */
static int64_t uart_timeout_ns(const SerialState *s)
{
    int bits = 1 + 5 + (s->lcr & 3) + ((s->lcr & 0x08) ? 1 : 0) + ((s->lcr & 0x04) ? 2 : 1);
    int64_t div = s->divisor ? s->divisor : 1;
    return 4 * bits * div * NANOSECONDS_PER_SECOND / UART_CLOCK_BAUD;
}

static void uart_arm_timeout(SerialState *s)
{
    if ((s->fcr & FCR_ENABLE) && s->rx_count > 0) {
        timer_mod(s->timeout_timer, clock_get_ns() + uart_timeout_ns(s));
    } else {
        timer_del(s->timeout_timer);
    }
}

static void uart_timeout_cb(void *opaque)
{
    SerialState *s = opaque;
    if (s->rx_count > 0) {
        s->timeout_ipending = true;
        uart_update_irq(s);
    }
}

static int uart_rx_capacity(const SerialState *s)
{
    return (s->fcr & FCR_ENABLE) ? UART_FIFO_SIZE : 1;
}

static void uart_rx_push(SerialState *s, uint8_t b)
{
    if (s->rx_count >= uart_rx_capacity(s)) {
        s->lsr_errors |= LSR_OE;   /* overrun: the new character is lost */
        return;
    }
    s->rx[(s->rx_head + s->rx_count) % UART_FIFO_SIZE] = b;
    s->rx_count++;
}

static int uart_can_receive(void *opaque)
{
    SerialState *s = opaque;
    if (s->mcr & MCR_LOOP) {
        return 0;    /* loopback disconnects the serial input */
    }
    return uart_rx_capacity(s) - s->rx_count;
}

static void uart_receive(void *opaque, const uint8_t *buf, size_t len)
{
    SerialState *s = opaque;
    for (size_t i = 0; i < len; i++) {
        uart_rx_push(s, buf[i]);
    }
    s->timeout_ipending = false;
    uart_arm_timeout(s);
    uart_update_irq(s);
}

static uint8_t uart_read_rbr(SerialState *s)
{
    uint8_t b = 0;
    if (s->rx_count > 0) {
        b = s->rx[s->rx_head];
        s->rx_head = (s->rx_head + 1) % UART_FIFO_SIZE;
        s->rx_count--;
    }
    s->timeout_ipending = false;
    uart_arm_timeout(s);
    return b;
}

/* Modem status: in loopback the outputs feed the inputs (RTS->CTS,
 * DTR->DSR, OUT1->RI, OUT2->DCD); otherwise a connected terminal
 * (CTS, DSR, DCD asserted). Deltas are latched until MSR is read. */
static void uart_update_msr(SerialState *s)
{
    uint8_t in;
    if (s->mcr & MCR_LOOP) {
        in = ((s->mcr & 0x02) << 3) | ((s->mcr & 0x01) << 5) |
             ((s->mcr & 0x04) << 4) | ((s->mcr & 0x08) << 4);
    } else {
        in = 0xb0;
    }
    uint8_t old = s->msr & 0xf0, changed = old ^ in;
    uint8_t delta = s->msr & 0x0f;
    if (changed & 0x10) delta |= 0x01;                      /* DCTS */
    if (changed & 0x20) delta |= 0x02;                      /* DDSR */
    if ((changed & 0x40) && !(in & 0x40)) delta |= 0x04;    /* TERI */
    if (changed & 0x80) delta |= 0x08;                      /* DDCD */
    s->msr = in | delta;
}

static void uart_write_thr(SerialState *s, uint8_t b)
{
    if (s->mcr & MCR_LOOP) {
        uart_rx_push(s, b);
        s->timeout_ipending = false;
        uart_arm_timeout(s);
    } else if (s->chr) {
        chardev_write(s->chr, &b, 1);
    }
    s->thr_ipending = true;     /* sent at once: THR empty again */
}

static void uart_write_fcr(SerialState *s, uint8_t val)
{
    if ((val ^ s->fcr) & FCR_ENABLE) {
        s->rx_count = 0;        /* enabling or disabling clears the FIFOs */
    }
    if (val & 0x02) {
        s->rx_count = 0;
        s->timeout_ipending = false;
    }
    s->fcr = val & 0xc1;
    uart_arm_timeout(s);
}

static void uart_write_byte(void *opaque, hwaddr off, uint8_t val)
{
    SerialState *s = opaque;
    bool dlab = s->lcr & LCR_DLAB;
    switch (off) {
    case 0:
        if (dlab) {
            s->divisor = (s->divisor & 0xff00) | val;
        } else {
            uart_write_thr(s, val);
        }
        break;
    case 1:
        if (dlab) {
            s->divisor = (s->divisor & 0x00ff) | val << 8;
        } else {
            /* Enabling THRI with THR empty interrupts at once. */
            if ((val & IER_THRI) && !(s->ier & IER_THRI)) {
                s->thr_ipending = true;
            }
            s->ier = val & 0x0f;
        }
        break;
    case 2:
        uart_write_fcr(s, val);
        break;
    case 3:
        s->lcr = val;
        break;
    case 4:
        s->mcr = val & 0x1f;
        uart_update_msr(s);
        break;
    case 7:
        s->scr = val;
        break;
    default:     /* LSR and MSR are read-only */
        break;
    }
    uart_update_irq(s);
}

static uint8_t uart_read_byte(void *opaque, hwaddr off)
{
    SerialState *s = opaque;
    bool dlab = s->lcr & LCR_DLAB;
    uint8_t v;
    switch (off) {
    case 0:
        v = dlab ? s->divisor & 0xff : uart_read_rbr(s);
        break;
    case 1:
        v = dlab ? s->divisor >> 8 : s->ier;
        break;
    case 2:
        v = uart_iir(s);
        if ((v & 0x0f) == IIR_THRI) {
            s->thr_ipending = false;
        }
        break;
    case 3:
        v = s->lcr;
        break;
    case 4:
        v = s->mcr;
        break;
    case 5:
        v = LSR_THRE | LSR_TEMT | s->lsr_errors | (s->rx_count ? LSR_DR : 0);
        s->lsr_errors = 0;
        break;
    case 6:
        v = s->msr;
        s->msr &= 0xf0;
        break;
    case 7:
        v = s->scr;
        break;
    default:
        return 0xff;
    }
    uart_update_irq(s);
    return v;
}

static uint64_t uart_read(void *opaque, hwaddr off, unsigned size)
{
    return hw_read_bytes(uart_read_byte, opaque, off, size);
}

static void uart_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    hw_write_bytes(uart_write_byte, opaque, off, val, size);
}

static const MemoryOps uart_ops = { uart_read, uart_write, 1 };

/* Master reset (datasheet "Reset" table): IER, FCR, LCR, MCR cleared,
 * FIFOs empty, no interrupt; the divisor is kept. */
void serial_reset(SerialState *s)
{
    s->ier = s->fcr = s->mcr = s->lsr_errors = 0;
    s->lcr = 0x03;             /* 8N1, the frame most guests expect */
    s->rx_count = 0;
    s->thr_ipending = s->timeout_ipending = false;
    s->msr = 0xb0;
    timer_del(s->timeout_timer);
    uart_update_irq(s);
}

SerialState *hw_serial_init(uint16_t base, IRQLine irq, Chardev *chr)
{
    SerialState *s = calloc(1, sizeof(*s));
    if (!s) {
        abort();
    }
    s->irq = irq;
    s->chr = chr;
    s->divisor = 12;           /* 9600 baud until the guest sets it */
    s->timeout_timer = timer_new(uart_timeout_cb, s);
    serial_reset(s);
    if (chr) {
        chardev_set_handlers(chr, uart_can_receive, uart_receive, s);
    }
    ioport_register(base, 8, &uart_ops, s, "serial");
    return s;
}
