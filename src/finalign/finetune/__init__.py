"""finetune: LoRA SFT and DPO with TRL's trainers, and the seed tutorial's recipe as a baseline."""
