/*
 * mimic-ppc: runs 32-bit big-endian PowerPC Linux programs (linux-user
 * with the ppc guest descriptor).
 */
#include "linux-user/ppc/ppc.h"

int lu_main(int argc, char **argv, const LuArch *arch);

int main(int argc, char **argv)
{
    return lu_main(argc, argv, &lu_arch_ppc);
}
