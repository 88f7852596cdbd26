/**
 * Swin's shifted-window attention as a helper module of the PyTorch export: torchvision's
 * ShiftedWindowAttention (version 1) and ShiftedWindowAttentionV2 (version 2) with their
 * shifted_window_attention function (torchvision/models/swin_transformer.py), for a square window,
 * written out so the file needs torch only. Its parameters are torchvision's: qkv and proj
 * nn.Linear, the (2w − 1)²×heads bias table (v1) or logit_scale and cpb_mlp (v2); the index and
 * coordinate tables are buffers, as there. layers/windowattention.ts counts exactly these.
 */
export const WINDOW_ATTENTION = `class WindowAttention(nn.Module):
    """Swin's shifted-window attention on [N, H, W, C] (torchvision ShiftedWindowAttention, V2 with version=2)."""

    def __init__(self, dim, window, shift, heads, qkv_bias=True, proj_bias=True, version=1):
        super().__init__()
        self.window, self.shift, self.heads, self.version = window, shift, heads, version
        self.qkv = nn.Linear(dim, dim * 3, bias=qkv_bias)
        self.proj = nn.Linear(dim, dim, bias=proj_bias)
        w = window
        coords = torch.stack(torch.meshgrid(torch.arange(w), torch.arange(w), indexing="ij")).flatten(1)
        rel = (coords[:, :, None] - coords[:, None, :]).permute(1, 2, 0) + (w - 1)
        self.register_buffer("relative_position_index", (rel[:, :, 0] * (2 * w - 1) + rel[:, :, 1]).flatten())
        if version == 1:
            self.relative_position_bias_table = nn.Parameter(torch.zeros((2 * w - 1) ** 2, heads))
        else:
            self.logit_scale = nn.Parameter(torch.log(10 * torch.ones((heads, 1, 1))))
            self.cpb_mlp = nn.Sequential(nn.Linear(2, 512), nn.ReLU(inplace=True), nn.Linear(512, heads, bias=False))
            r = torch.arange(-(w - 1), w, dtype=torch.float32) / max(w - 1, 1) * 8
            table = torch.stack(torch.meshgrid(r, r, indexing="ij")).permute(1, 2, 0).unsqueeze(0)
            self.register_buffer("relative_coords_table", torch.sign(table) * torch.log2(table.abs() + 1.0) / 3.0)

    def bias(self):
        table = self.relative_position_bias_table if self.version == 1 else self.cpb_mlp(self.relative_coords_table)
        T = self.window**2
        b = table.view(-1, self.heads)[self.relative_position_index].view(T, T, -1).permute(2, 0, 1).unsqueeze(0)
        return b if self.version == 1 else 16 * torch.sigmoid(b)

    def forward(self, x):
        N, H, W, C = x.shape
        w, h = self.window, self.heads
        x = nn.functional.pad(x, (0, 0, 0, (w - W % w) % w, 0, (w - H % w) % w))
        _, pH, pW, _ = x.shape
        shift = [0 if w >= pH else self.shift, 0 if w >= pW else self.shift]
        if sum(shift) > 0:
            x = torch.roll(x, shifts=(-shift[0], -shift[1]), dims=(1, 2))
        nW = (pH // w) * (pW // w)
        x = x.view(N, pH // w, w, pW // w, w, C).permute(0, 1, 3, 2, 4, 5).reshape(N * nW, w * w, C)
        qkv_bias = self.qkv.bias
        if self.version == 2 and qkv_bias is not None:
            qkv_bias = torch.cat([qkv_bias[:C], torch.zeros_like(qkv_bias[C : 2 * C]), qkv_bias[2 * C :]])
        qkv = nn.functional.linear(x, self.qkv.weight, qkv_bias)
        q, k, v = qkv.reshape(x.size(0), x.size(1), 3, h, C // h).permute(2, 0, 3, 1, 4)
        if self.version == 2:
            attn = nn.functional.normalize(q, dim=-1) @ nn.functional.normalize(k, dim=-1).transpose(-2, -1)
            attn = attn * torch.clamp(self.logit_scale, max=math.log(100.0)).exp()
        else:
            attn = (q * (C // h) ** -0.5).matmul(k.transpose(-2, -1))
        attn = attn + self.bias()
        if sum(shift) > 0:
            mask = x.new_zeros((pH, pW))
            count = 0
            for hs in ((0, -w), (-w, -shift[0]), (-shift[0], None)):
                for ws in ((0, -w), (-w, -shift[1]), (-shift[1], None)):
                    mask[hs[0] : hs[1], ws[0] : ws[1]] = count
                    count += 1
            mask = mask.view(pH // w, w, pW // w, w).permute(0, 2, 1, 3).reshape(nW, w * w)
            mask = mask.unsqueeze(1) - mask.unsqueeze(2)
            mask = mask.masked_fill(mask != 0, -100.0).masked_fill(mask == 0, 0.0)
            attn = attn.view(N, nW, h, w * w, w * w) + mask.unsqueeze(1).unsqueeze(0)
            attn = attn.view(-1, h, w * w, w * w)
        x = attn.softmax(-1).matmul(v).transpose(1, 2).reshape(x.size(0), x.size(1), C)
        x = self.proj(x)
        x = x.view(N, pH // w, pW // w, w, w, C).permute(0, 1, 3, 2, 4, 5).reshape(N, pH, pW, C)
        if sum(shift) > 0:
            x = torch.roll(x, shifts=(shift[0], shift[1]), dims=(1, 2))
        return x[:, :H, :W, :].contiguous()`;
