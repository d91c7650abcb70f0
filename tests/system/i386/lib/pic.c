/* The 8259 pair of the PC: remapped to vectors 0x20-0x2f with every line
 * masked at start (a BIOS may have left IRQ0 on); tests unmask what they
 * use. Initialization words: Intel 8259A datasheet. */
#include "bm.h"

void pic_remap_and_mask(void)
{
    outb(0x20, 0x11);           /* ICW1: edge, cascade, ICW4 follows */
    outb(0xa0, 0x11);
    outb(0x21, 0x20);           /* ICW2: master vectors 0x20-0x27 */
    outb(0xa1, 0x28);           /* slave 0x28-0x2f */
    outb(0x21, 0x04);           /* ICW3: slave on IRQ2 */
    outb(0xa1, 0x02);
    outb(0x21, 0x01);           /* ICW4: 8086 mode, normal EOI */
    outb(0xa1, 0x01);
    outb(0x21, 0xff);           /* OCW1: all masked */
    outb(0xa1, 0xff);
}

void pic_unmask(int irq)
{
    uint16_t port = irq < 8 ? 0x21 : 0xa1;
    outb(port, inb(port) & ~(1 << (irq & 7)));
    if (irq >= 8)
        outb(0x21, inb(0x21) & ~(1 << 2));
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(0xa0, 0x20);
    outb(0x20, 0x20);
}
