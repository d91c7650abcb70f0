/*
 * The PC keyboard controller (Intel 8042 as on the IBM PC/AT; command set
 * per the AT Technical Reference and the PS/2 keyboard's command set):
 * status and command byte, controller commands at port 0x64, the output
 * port (A20, CPU reset), and a keyboard answering its commands on port
 * 0x60. No mouse: bytes for the auxiliary device come back as a timeout.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/memory.h"
#include "hw/input/i8042.h"

enum {
    STAT_OBF = 0x01, STAT_SYS = 0x04, STAT_CMD = 0x08, STAT_UNLOCKED = 0x10,
    STAT_AUX_OBF = 0x20, STAT_TIMEOUT = 0x40,
    CTR_KBD_INT = 0x01, CTR_AUX_INT = 0x02, CTR_SYS = 0x04,
    CTR_KBD_DISABLE = 0x10, CTR_AUX_DISABLE = 0x20, CTR_XLATE = 0x40,
    OUTP_RESET_N = 0x01, OUTP_A20 = 0x02, OUTP_KBD_OBF = 0x10, OUTP_AUX_OBF = 0x20,
    KBD_ACK = 0xfa, KBD_RESEND = 0xfe, KBD_BAT_OK = 0xaa,
};
#define I8042_QUEUE 16

struct I8042State {
    uint8_t ram[32];            /* controller RAM; ram[0] is the command byte */
    uint8_t status;             /* SYS, CMD, TIMEOUT bits */
    uint8_t outport;
    uint8_t pending_cmd;        /* controller command waiting for its data byte */
    uint8_t kbd_pending;        /* keyboard command waiting for its argument */
    uint8_t scancode_set;
    uint8_t out;                /* the output buffer */
    bool out_full, out_aux;
    uint8_t queue[I8042_QUEUE]; /* bytes behind it */
    bool queue_aux[I8042_QUEUE];
    int q_head, q_count;
    IRQLine kbd_irq, aux_irq, a20, reset;
    int kbd_level, aux_level;
};

static void kbc_update_irq(I8042State *s)
{
    int kbd = s->out_full && !s->out_aux && (s->ram[0] & CTR_KBD_INT);
    int aux = s->out_full && s->out_aux && (s->ram[0] & CTR_AUX_INT);
    if (kbd != s->kbd_level) {
        s->kbd_level = kbd;
        irq_set(&s->kbd_irq, kbd);
    }
    if (aux != s->aux_level) {
        s->aux_level = aux;
        irq_set(&s->aux_irq, aux);
    }
}

/* Moves the next queued byte into the empty output buffer. */
static void kbc_refill(I8042State *s)
{
    if (!s->out_full && s->q_count > 0) {
        s->out = s->queue[s->q_head];
        s->out_aux = s->queue_aux[s->q_head];
        s->q_head = (s->q_head + 1) % I8042_QUEUE;
        s->q_count--;
        s->out_full = true;
    }
    kbc_update_irq(s);
}

static void kbc_queue(I8042State *s, uint8_t b, bool aux)
{
    if (s->q_count < I8042_QUEUE) {
        int i = (s->q_head + s->q_count) % I8042_QUEUE;
        s->queue[i] = b;
        s->queue_aux[i] = aux;
        s->q_count++;
    }
    kbc_refill(s);
}

/* A controller reply replaces whatever the devices queued. */
static void kbc_reply(I8042State *s, uint8_t b)
{
    s->q_count = 0;
    s->out_full = false;
    kbc_queue(s, b, false);
}

static void kbc_set_outport(I8042State *s, uint8_t val)
{
    s->outport = val;
    irq_set(&s->a20, (val & OUTP_A20) != 0);
    if (!(val & OUTP_RESET_N)) {
        irq_pulse(&s->reset);
    }
}

void i8042_keyboard_put(I8042State *s, uint8_t byte)
{
    kbc_queue(s, byte, false);
}

static void kbd_reply(I8042State *s, uint8_t b)
{
    kbc_queue(s, b, false);
}

/* The scan code set as reported by F0 00, through the translation. */
static uint8_t kbd_set_id(const I8042State *s)
{
    static const uint8_t xlated[4] = { 0, 0x43, 0x41, 0x3f };
    return (s->ram[0] & CTR_XLATE) ? xlated[s->scancode_set] : s->scancode_set;
}

static void kbd_write(I8042State *s, uint8_t val)
{
    uint8_t cmd = s->kbd_pending;
    if (cmd) {                       /* the argument of a previous command */
        s->kbd_pending = 0;
        kbd_reply(s, KBD_ACK);
        if (cmd == 0xf0) {
            if (val == 0) {
                kbd_reply(s, kbd_set_id(s));
            } else if (val <= 3) {
                s->scancode_set = val;
            }
        }
        return;
    }
    switch (val) {
    case 0xed:                       /* set LEDs */
    case 0xf3:                       /* typematic rate */
    case 0xf0:                       /* scan code set */
        s->kbd_pending = val;
        kbd_reply(s, KBD_ACK);
        break;
    case 0xee:                       /* echo */
        kbd_reply(s, 0xee);
        break;
    case 0xf2:                       /* identify: MF2 keyboard */
        kbd_reply(s, KBD_ACK);
        kbd_reply(s, 0xab);
        kbd_reply(s, (s->ram[0] & CTR_XLATE) ? 0x41 : 0x83);
        break;
    case 0xf4: case 0xf5: case 0xf6:  /* enable, disable, defaults */
        kbd_reply(s, KBD_ACK);
        break;
    case 0xff:                       /* reset: ACK, then basic assurance test */
        s->scancode_set = 2;
        kbd_reply(s, KBD_ACK);
        kbd_reply(s, KBD_BAT_OK);
        break;
    default:
        kbd_reply(s, KBD_RESEND);
        break;
    }
}

/* A byte to port 0x60: a pending controller command's data, or the
 * keyboard's. */
static void kbc_write_data(I8042State *s, uint8_t val)
{
    uint8_t cmd = s->pending_cmd;
    s->pending_cmd = 0;
    s->status &= ~STAT_CMD;
    if (cmd >= 0x60 && cmd <= 0x7f) {
        s->ram[cmd - 0x60] = val;
        if (cmd == 0x60) {
            s->status = (s->status & ~STAT_SYS) | (val & CTR_SYS);
        }
        kbc_update_irq(s);
        return;
    }
    switch (cmd) {
    case 0xd1:
        kbc_set_outport(s, val);
        break;
    case 0xd2:
        kbc_queue(s, val, false);
        break;
    case 0xd3:
        kbc_queue(s, val, true);
        break;
    case 0xd4:                       /* to the mouse: nobody answers */
        s->status |= STAT_TIMEOUT;
        kbc_queue(s, KBD_RESEND, true);
        break;
    default:
        s->status &= ~STAT_TIMEOUT;
        s->ram[0] &= ~CTR_KBD_DISABLE;   /* writing to the keyboard enables it */
        kbd_write(s, val);
        break;
    }
}

static void kbc_write_command(I8042State *s, uint8_t val)
{
    s->status |= STAT_CMD;
    if (val >= 0x20 && val <= 0x3f) {
        kbc_reply(s, s->ram[val - 0x20]);
        return;
    }
    if ((val >= 0x60 && val <= 0x7f) || (val >= 0xd1 && val <= 0xd4)) {
        s->pending_cmd = val;
        return;
    }
    if (val >= 0xf0) {               /* pulse output port bits 0-3 low */
        if (!(val & 0x01)) {
            irq_pulse(&s->reset);
        }
        return;
    }
    switch (val) {
    case 0xa7: s->ram[0] |= CTR_AUX_DISABLE; break;
    case 0xa8: s->ram[0] &= ~CTR_AUX_DISABLE; break;
    case 0xa9: kbc_reply(s, 0x00); break;          /* aux interface OK */
    case 0xaa:                                     /* controller self-test */
        s->status |= STAT_SYS;
        kbc_reply(s, 0x55);
        break;
    case 0xab: kbc_reply(s, 0x00); break;          /* keyboard interface OK */
    case 0xad: s->ram[0] |= CTR_KBD_DISABLE; break;
    case 0xae: s->ram[0] &= ~CTR_KBD_DISABLE; break;
    case 0xc0: kbc_reply(s, 0x80); break;          /* input port: not inhibited */
    case 0xd0: {
        uint8_t v = s->outport & ~(OUTP_KBD_OBF | OUTP_AUX_OBF);
        if (s->out_full) {
            v |= s->out_aux ? OUTP_AUX_OBF : OUTP_KBD_OBF;
        }
        kbc_reply(s, v);
        break;
    }
    case 0xdd: kbc_set_outport(s, s->outport & ~OUTP_A20); break;
    case 0xdf: kbc_set_outport(s, s->outport | OUTP_A20); break;
    case 0xe0: kbc_reply(s, 0x00); break;          /* test inputs */
    default: break;                                /* unknown: ignored */
    }
    kbc_update_irq(s);
}

static uint8_t kbc_read_status(I8042State *s)
{
    uint8_t v = s->status | STAT_UNLOCKED;
    if (s->out_full) {
        v |= STAT_OBF | (s->out_aux ? STAT_AUX_OBF : 0);
    }
    return v;
}

static uint8_t kbc_read_data(I8042State *s)
{
    uint8_t v = s->out;
    s->out_full = false;
    s->status &= ~STAT_TIMEOUT;
    kbc_update_irq(s);      /* the line drops before the next byte raises it */
    kbc_refill(s);
    return v;
}

static uint64_t kbc_read(void *opaque, hwaddr off, unsigned size)
{
    I8042State *s = opaque;
    return off == 0 ? kbc_read_data(s) : kbc_read_status(s);
}

static void kbc_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    I8042State *s = opaque;
    if (off == 0) {
        kbc_write_data(s, val);
    } else {
        kbc_write_command(s, val);
    }
}

static const MemoryOps kbc_data_ops = { kbc_read, kbc_write, 1 };

static uint64_t kbc_cmd_read(void *opaque, hwaddr off, unsigned size)
{
    return kbc_read(opaque, 1, size);
}

static void kbc_cmd_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    kbc_write(opaque, 1, val, size);
}

static const MemoryOps kbc_cmd_ops = { kbc_cmd_read, kbc_cmd_write, 1 };

void i8042_reset(I8042State *s)
{
    memset(s->ram, 0, sizeof(s->ram));
    /* As a BIOS leaves it: interrupts on, translation, system flag. */
    s->ram[0] = CTR_KBD_INT | CTR_AUX_INT | CTR_SYS | CTR_XLATE;
    s->status = STAT_SYS;
    s->outport = OUTP_RESET_N | OUTP_A20;
    s->pending_cmd = s->kbd_pending = 0;
    s->scancode_set = 2;
    s->out_full = false;
    s->q_count = 0;
    kbc_update_irq(s);
}

I8042State *hw_i8042_init(IRQLine kbd_irq, IRQLine mouse_irq, IRQLine a20,
                          IRQLine reset)
{
    I8042State *s = calloc(1, sizeof(*s));
    if (!s) {
        abort();
    }
    s->kbd_irq = kbd_irq;
    s->aux_irq = mouse_irq;
    s->a20 = a20;
    s->reset = reset;
    i8042_reset(s);
    ioport_register(0x60, 1, &kbc_data_ops, s, "i8042-data");
    ioport_register(0x64, 1, &kbc_cmd_ops, s, "i8042-cmd");
    return s;
}
