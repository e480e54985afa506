-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'machine_reading';
